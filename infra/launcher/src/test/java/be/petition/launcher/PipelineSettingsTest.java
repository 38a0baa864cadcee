package be.petition.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.config.ServiceConfig;
import be.petition.gateway.GatewayServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-IP limits are on by default, off on `petition up`, and the operator's word wins over both. */
class PipelineSettingsTest {
    private static final String LIMITS = GatewayServer.LIMITS_ENABLED;

    private static boolean limitsOn(Path configFile, Map<String, String> env, Map<String, String> settings) {
        Pipeline.Options options = new Pipeline.Options(Path.of("data"), configFile, env, settings, false, 0);
        Map<String, String> overrides = new java.util.LinkedHashMap<>(Pipeline.gatewaySettings(options, Map.of()));
        overrides.putAll(settings);
        return ServiceConfig.load(GatewayServer.DEFAULTS, configFile, env, overrides).bool(LIMITS);
    }

    @Test
    void upTurnsPerIpLimitsOffUnlessTheOperatorTurnsThemOn(@TempDir Path dir) throws IOException {
        assertThat(ServiceConfig.load(GatewayServer.DEFAULTS, null, Map.of(), Map.of()).bool(LIMITS))
                .as("the gateway's own default").isTrue();
        assertThat(limitsOn(null, Map.of(), Map.of())).isFalse();
        assertThat(limitsOn(null, Map.of(), Map.of(LIMITS, "true"))).isTrue();
        assertThat(limitsOn(null, Map.of("PETITION_GATEWAY_LIMITS_ENABLED", "true"), Map.of())).isTrue();
        Path file = Files.writeString(dir.resolve("petition.properties"), LIMITS + "=true\n");
        assertThat(limitsOn(file, Map.of(), Map.of())).isTrue();
    }
}

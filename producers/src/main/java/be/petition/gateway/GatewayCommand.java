package be.petition.gateway;

import be.petition.config.ConfigOptions;
import be.petition.lifecycle.UntilStopped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petition gateway}: the ingestion gateway in the foreground. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Runs the signature gateway (HTTP to Kafka) until Ctrl-C. Settings: gateway.properties;"
                + " secrets from PETITION_PEPPER, PETITION_APP_API_KEY, PETITION_APP_INSTALL_KEY,"
                + " PETITION_TELEPHONY_TOKEN, PETITION_CONFIRM_KEY (or their _FILE).")
public final class GatewayCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--port", description = "HTTP port (gateway.port, 0 = any free port).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        if (port != null) {
            flags.put(GatewayServer.PORT, port.toString());
        }
        GatewayServer gateway = GatewayServer.start(config.load(GatewayServer.DEFAULTS, flags));
        System.out.println("Gateway listening at " + gateway.url() + " (POST /v1/signatures/web, /v1/signatures/app,"
                + " /v1/app/installs, /v1/telephony/calls, /v1/telephony/voice, /v1/telephony/menu, /v1/withdrawals;"
                + " GET /metrics, /health/ready). Ctrl-C stops it.");
        UntilStopped.await(gateway, "gateway");
        return 0;
    }
}

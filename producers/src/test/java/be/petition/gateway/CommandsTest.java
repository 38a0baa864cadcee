package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.config.ServiceConfig;
import be.petition.simulator.SimulateCommand;
import be.petition.simulator.Simulator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The commands the launcher registers parse their options, and their defaults files load. */
class CommandsTest {

    @Test
    void gatewayCommandParsesAndItsDefaultsLoad() {
        CommandLine command = new CommandLine(new GatewayCommand());
        assertThat(command.getCommandName()).isEqualTo("gateway");
        command.parseArgs("--port", "0", "--set", "gateway.campaign=other");
        assertThat(command.getUsageMessage()).contains("--config", "--set", "--port");
        ServiceConfig defaults = ServiceConfig.load(GatewayServer.DEFAULTS, null, Map.of(), Map.of());
        assertThat(defaults.integer(GatewayServer.PORT)).isEqualTo(8080);
        assertThat(defaults.string(GatewayServer.HOST)).isEqualTo("127.0.0.1");
        assertThat(defaults.string(GatewayServer.CAMPAIGN)).isEqualTo("glenn-2023");
        assertThat(defaults.bool(GatewayServer.LIMITS_ENABLED)).as("off only on petition up").isTrue();
        assertThat(defaults.bool(GatewayServer.TELEPHONY_UNSIGNED)).isFalse();
    }

    @Test
    void simulateCommandParses() {
        CommandLine command = new CommandLine(new SimulateCommand());
        assertThat(command.getCommandName()).isEqualTo("simulate");
        command.parseArgs("--rate", "50", "--count", "100", "--seed", "3", "--truth", "truth.json", "--target", "kafka");
        assertThat(ServiceConfig.load(Simulator.DEFAULTS, null, Map.of(), Map.of()).string("simulate.target"))
                .isEqualTo("http");
    }

    @Test
    void theGatewayRefusesToStartWithoutATelephonyTokenUnlessToldToRunUnsigned() {
        ServiceConfig config = ServiceConfig.load(GatewayServer.DEFAULTS, null, Map.of(), Map.of("pepper",
                "commands-test-pepper-0123456789", "app.api.key", "k", "app.install.key", "commands-test-install-key",
                "confirm.key", "commands-test-confirm-key-0123456789"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatewayServer.start(config))
                .hasMessageContaining("PETITION_TELEPHONY_TOKEN").hasMessageContaining("telephony.unsigned=true");
    }

    @Test
    void theGatewayRefusesToStartWithoutAPepper() {
        ServiceConfig config = ServiceConfig.load(GatewayServer.DEFAULTS, null, Map.of(), Map.of("app.api.key", "k"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatewayServer.start(config))
                .hasMessageContaining("PETITION_PEPPER");
    }
}

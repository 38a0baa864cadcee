package be.petition.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CountingCommandTest {

    @Test
    void theCommandIsNamedStreamsAndTakesTheSharedConfigOptions() {
        CommandLine command = new CommandLine(new CountingCommand());
        assertThat(command.getCommandName()).isEqualTo("streams");
        assertThat(command.getCommandSpec().optionsMap()).containsKeys("--config", "--set", "--help", "--reset", "--yes");
        assertThat(command.getUsageMessage()).contains("streams.properties");
    }
}

package be.petition.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StreamsCommandTest {

    @Test
    void theCommandIsNamedStreamsAndTakesTheSharedConfigOptions() {
        CommandLine command = new CommandLine(new StreamsCommand());
        assertThat(command.getCommandName()).isEqualTo("streams");
        assertThat(command.getCommandSpec().optionsMap()).containsKeys("--config", "--set", "--help");
        assertThat(command.getUsageMessage()).contains("streams.properties");
    }
}

package be.petition.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PetitionTest {

    @Test
    void helpListsEveryService() {
        StringWriter out = new StringWriter();
        CommandLine cli = Petition.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("up ", "broker ", "registry ", "topics ", "gateway ", "streams ",
                "simulate ", "report ", "audit ");
    }

    @Test
    void anUnknownCommandSaysSoAndFails() {
        StringWriter err = new StringWriter();
        CommandLine cli = Petition.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("launch")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument", "launch");
    }

    @Test
    void upDocumentsItsFlags() {
        StringWriter out = new StringWriter();
        CommandLine cli = Petition.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("up", "--help")).isZero();
        assertThat(out.toString()).contains("--no-simulator", "--data-dir", "--set", "--config");
    }
}

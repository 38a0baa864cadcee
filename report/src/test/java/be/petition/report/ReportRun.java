package be.petition.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** {@code petition report} run in process on 2023-12-20, for a campaign launched on {@link ReportData#LAUNCH}. */
final class ReportRun {
    static final Clock DECEMBER = Clock.fixed(Instant.parse("2023-12-20T10:00:00Z"), ZoneOffset.UTC);

    private ReportRun() {
    }

    /** Writes into {@code out}, the command's output and errors into {@code stdout} and {@code stderr}. */
    static int execute(Path out, StringWriter stdout, StringWriter stderr, String... args) {
        ReportCommand command = new ReportCommand();
        command.clock = DECEMBER;
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        List<String> all = new ArrayList<>(List.of("--out", out.toString(), "--set",
                "report.launch.date=" + ReportData.LAUNCH));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }
}

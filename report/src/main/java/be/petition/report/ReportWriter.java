package be.petition.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a report's files for each language. Everything is first written to a temporary directory inside the
 * output directory and only then moved into place, so a failure never leaves a half-written report behind.
 */
public final class ReportWriter {
    private final ProvinceMap map = ProvinceMap.load();

    /**
     * File name stem: {@code petition-report-2023-W47-fr}, or {@code petition-report-2023-W48-preliminary-fr} for the
     * week so far, so that a preliminary file is never taken for (nor overwrites) the final one.
     */
    public static String stem(WeeklyReport report, String language) {
        return "petition-report-" + report.week() + (report.preliminary() ? "-preliminary" : "") + "-" + language;
    }

    /**
     * Writes the PDF, HTML and CSV files of every language (and {@code -confirmations.csv} when gateways are
     * configured for the confirmation funnel); returns the files written.
     */
    public List<Path> write(WeeklyReport report, List<String> languages, Path outDir) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new ReportException("Cannot create the output directory " + outDir + ": " + e.getMessage(), e);
        }
        Path staging;
        try {
            staging = Files.createTempDirectory(outDir, ".report-" + report.week() + "-");
        } catch (IOException e) {
            throw new ReportException("Cannot write into " + outDir + ": " + e.getMessage(), e);
        }
        try {
            List<Path> staged = new ArrayList<>();
            for (String language : languages) {
                Texts texts = Texts.of(language);
                ReportContent content = new ReportContent(report, texts);
                String stem = stem(report, language);
                Path pdf = staging.resolve(stem + ".pdf");
                try (OutputStream out = Files.newOutputStream(pdf)) {
                    PdfReport.render(content, map, out);
                }
                staged.add(pdf);
                staged.add(Files.writeString(staging.resolve(stem + ".html"), HtmlReport.render(content, map),
                        StandardCharsets.UTF_8));
                staged.add(Files.writeString(staging.resolve(stem + "-week.csv"),
                        CsvReport.render(report.weekRows(), texts, report.preliminary()), StandardCharsets.UTF_8));
                staged.add(Files.writeString(staging.resolve(stem + "-since-launch.csv"),
                        CsvReport.render(report.allRows(), texts, report.preliminary()), StandardCharsets.UTF_8));
                if (report.funnel().configured()) {
                    staged.add(Files.writeString(staging.resolve(stem + "-confirmations.csv"),
                            CsvReport.renderFunnel(report.funnel(), report.preliminary()), StandardCharsets.UTF_8));
                }
            }
            List<Path> written = new ArrayList<>();
            for (Path file : staged) {
                written.add(move(file, outDir.resolve(file.getFileName())));
            }
            return written;
        } catch (IOException | UncheckedIOException e) {
            throw new ReportException("Cannot write the report into " + outDir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private static Path move(Path from, Path to) throws IOException {
        try {
            return Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            return Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a leftover hidden staging directory holds no report and is replaced next time.
        }
    }
}

package be.petition.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The confirmation funnel in the whole report: a fake query API and fake gateways serving fixed metrics. */
class ConfirmationFunnelReportTest {
    private static final char NBSP = '\u00a0';
    private static FakeQueryApi api;
    private static FakeGateway one;
    private static FakeGateway two;

    @TempDir
    Path out;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    @BeforeAll
    static void start() throws IOException {
        api = new FakeQueryApi(ReportData.ROWS, ReportData.STATS);
        // together: 1 600 mailed (1 500 signatures, 100 withdrawals), 1 000 confirmed, 30 expired, 7 invalid, 4 failed
        one = new FakeGateway(FakeGateway.metrics(1000, 100, 700, 20, 5, 1));
        two = new FakeGateway(FakeGateway.metrics(500, 0, 300, 10, 2, 3));
    }

    @AfterAll
    static void stop() {
        api.close();
        one.close();
        two.close();
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--api", api.url()));
        all.addAll(List.of(args));
        return ReportRun.execute(out, stdout, stderr, all.toArray(String[]::new));
    }

    private String gateways(String... urls) {
        return "report.gateway.metrics.urls=" + String.join(",", urls);
    }

    @Test
    void theFunnelOfBothGatewaysIsATableInTheHtmlInFrenchAndDutch() throws IOException {
        assertThat(run("--week", "2023-W47", "--set", gateways(one.url(), two.url()))).as(stderr.toString())
                .isZero();

        String fr = Files.readString(out.resolve("petition-report-2023-W47-fr.html"));
        assertThat(fr).contains("<h2>Entonnoir de confirmation (signatures sur le site et retraits par e-mail)</h2>",
                "<th scope=\"col\">Étape</th><th scope=\"col\" class=\"n\">Nombre</th>",
                "<tr><td>Liens de confirmation envoyés par e-mail (en attente)</td><td class=\"n\">1" + NBSP
                        + "600</td></tr>",
                "<tr><td>Liens confirmés</td><td class=\"n\">1" + NBSP + "000</td></tr>",
                "<tr><td>Liens utilisés après leur expiration</td><td class=\"n\">30</td></tr>",
                "<tr><td>Liens invalides (falsifiés ou illisibles)</td><td class=\"n\">7</td></tr>",
                "<tr><td>E-mails qui n&#39;ont pas pu être envoyés</td><td class=\"n\">4</td></tr>",
                "<tr><td>Part confirmée (confirmés / envoyés)</td><td class=\"n\">62,5" + NBSP + "%</td></tr>",
                "(2 lues)", "repartent de zéro quand elle redémarre");
        assertThat(fr).doesNotContain("n&#39;a pas pu être lue", "non configuré");
        String nl = Files.readString(out.resolve("petition-report-2023-W47-nl.html"));
        assertThat(nl).contains("<h2>Bevestigingstrechter (handtekeningen op de website en intrekkingen per e-mail)</h2>",
                "<tr><td>Bevestigingslinks gemaild (in afwachting)</td><td class=\"n\">1.600</td></tr>",
                "<tr><td>Links bevestigd</td><td class=\"n\">1.000</td></tr>",
                "<tr><td>E-mails die niet verzonden konden worden</td><td class=\"n\">4</td></tr>",
                "<tr><td>Aandeel bevestigd (bevestigd / gemaild)</td><td class=\"n\">62,5%</td></tr>",
                "(2 gelezen)", "beginnen opnieuw bij nul");

        assertThat(Files.readString(out.resolve("petition-report-2023-W47-fr-confirmations.csv")))
                .isEqualTo("step,count\r\npending,1600\r\nconfirmed,1000\r\nexpired,30\r\ninvalid,7\r\n"
                        + "mail_failed,4\r\ngateways_read,2\r\ngateways_unreadable,0\r\n");
        assertThat(pdfText("fr")).contains("Entonnoir de confirmation", "Liens confirmés 1 000", "62,5 %");
        assertThat(pdfText("nl")).contains("Bevestigingstrechter", "Links bevestigd 1.000");
    }

    @Test
    void anUnreachableGatewayIsNamedAndTheReportIsStillWritten() throws IOException {
        String closed = FakeGateway.closedUrl();

        assertThat(run("--week", "2023-W47", "--lang", "fr,en", "--set", gateways(one.url(), closed)))
                .as(stderr.toString()).isZero();

        String fr = Files.readString(out.resolve("petition-report-2023-W47-fr.html"));
        assertThat(fr).contains("<tr><td>Liens confirmés</td><td class=\"n\">700</td></tr>", "(1 lues)",
                "La passerelle " + closed + " n&#39;a pas pu être lue (ConnectException");
        assertThat(Files.readString(out.resolve("petition-report-2023-W47-en.html")))
                .contains("The gateway " + closed + " could not be read (ConnectException");
        assertThat(Files.readString(out.resolve("petition-report-2023-W47-en-confirmations.csv")))
                .endsWith("gateways_read,1\r\ngateways_unreadable,1\r\n");
        assertThat(pdfText("fr")).contains("La passerelle " + closed);
    }

    @Test
    void noGatewayReadLeavesTheTableOutAndSaysWhy() throws IOException {
        String closed = FakeGateway.closedUrl();

        assertThat(run("--week", "2023-W47", "--lang", "nl", "--set", gateways(closed))).as(stderr.toString())
                .isZero();

        String nl = Files.readString(out.resolve("petition-report-2023-W47-nl.html"));
        assertThat(nl).contains("<h2>Bevestigingstrechter", "Geen enkele gateway kon gelezen worden",
                "De gateway " + closed + " kon niet gelezen worden").doesNotContain("Links bevestigd");
        assertThat(Files.readString(out.resolve("petition-report-2023-W47-nl-confirmations.csv")))
                .isEqualTo("step,count\r\ngateways_read,0\r\ngateways_unreadable,1\r\n");
    }

    @Test
    void withoutGatewaysTheSectionIsLeftOutWithANoteAndNoFile() throws IOException {
        assertThat(run("--week", "2023-W47", "--lang", "fr,nl")).as(stderr.toString()).isZero();

        String fr = Files.readString(out.resolve("petition-report-2023-W47-fr.html"));
        assertThat(fr).contains("<p class=\"meta\">Entonnoir de confirmation (signatures sur le site et retraits par"
                + " e-mail) : non configuré (report.gateway.metrics.urls est vide).</p>")
                .doesNotContain("<h2>Entonnoir", "Liens confirmés");
        assertThat(Files.readString(out.resolve("petition-report-2023-W47-nl.html")))
                .contains("Bevestigingstrechter (handtekeningen op de website en intrekkingen per e-mail): niet"
                        + " ingesteld");
        assertThat(pdfText("fr")).contains("non configuré");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("confirmations"));
        }
    }

    @Test
    void thePreliminaryReportMarksTheFunnelsCsvRowsToo() throws IOException {
        assertThat(run("--to-date", "--lang", "en", "--set", gateways(two.url()))).as(stderr.toString()).isZero();

        assertThat(Files.readAllLines(out.resolve("petition-report-2023-W51-preliminary-en-confirmations.csv")))
                .first().isEqualTo("step,count,status");
        assertThat(Files.readAllLines(out.resolve("petition-report-2023-W51-preliminary-en-confirmations.csv"))
                .subList(1, 8)).allMatch(line -> line.endsWith(",preliminary")).hasSize(7);
    }

    @Test
    void aGatewayThatIsNotAUrlIsABadSetting() {
        assertThat(run("--week", "2023-W47", "--set", gateways(one.url(), "gateway-1:8080"))).isEqualTo(1);

        assertThat(stderr.toString()).contains("report.gateway.metrics.urls: 'gateway-1:8080' is not a URL");
        assertThat(out.toFile().list()).isEmpty();
    }

    private String pdfText(String language) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(out.resolve("petition-report-2023-W47-" + language + ".pdf").toFile())) {
            return new PDFTextStripper().getText(pdf).replace('\u00a0', ' ');
        }
    }
}

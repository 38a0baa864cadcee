package be.petition.report;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.geography.Regions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The whole command against a fake query API: files, their content, and the bad cases. */
class ReportCommandTest {
    /** Where the rendered pages and one HTML report go, to look at (not asserted beyond "not blank"). */
    private static final Path PREVIEW = Path.of("target", "report-preview");
    private static FakeQueryApi api;

    @TempDir
    Path out;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    @BeforeAll
    static void startApi() throws IOException {
        api = new FakeQueryApi(ReportData.ROWS, ReportData.STATS);
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    private int run(String... args) {
        return ReportRun.execute(out, stdout, stderr, args);
    }

    @Test
    void writesPdfHtmlAndCsvInFrenchAndDutchByDefault() throws IOException {
        int exit = run("--week", "2023-W47", "--api", api.url());

        assertThat(exit).as(stderr.toString()).isZero();
        assertThat(files()).containsExactlyInAnyOrder(
                "petition-report-2023-W47-fr.pdf", "petition-report-2023-W47-fr.html",
                "petition-report-2023-W47-fr-week.csv", "petition-report-2023-W47-fr-since-launch.csv",
                "petition-report-2023-W47-nl.pdf", "petition-report-2023-W47-nl.html",
                "petition-report-2023-W47-nl-week.csv", "petition-report-2023-W47-nl-since-launch.csv");
        assertThat(stdout.toString()).contains("Report 2023-W47 written to");
    }

    @Test
    void pdfHasThreePagesWithEmbeddedFontsAndTheNumbersInEachLanguage() throws IOException {
        assertThat(run("--week", "2023-W47", "--api", api.url(), "--lang", "fr,nl,de,en")).as(stderr.toString())
                .isZero();

        String fr = pdfText("fr");
        assertThat(fr).contains("rapport hebdomadaire", "Semaine 2023-W47, du 20 novembre 2023 au 26 novembre 2023",
                "2 500", "1 500", "+500 (+50,0 %)", "Anvers", "Flandre", "Wallonie", "Bruxelles", "< 10",
                "Appel", "Étapes franchies", "1 000 signatures : atteint le 15 novembre 2023",
                "Méthode", "17 appels de ce type", "42 signatures en double", "Child Focus : 116 000",
                "0800 32 123", "Page 3 sur 3");
        String nl = pdfText("nl");
        assertThat(nl).contains("weekrapport", "van 20 november 2023 tot 26 november 2023", "2.500", "1.500",
                "Antwerpen", "Vlaanderen", "Wallonië", "Oost-Vlaanderen", "< 10", "Zelfmoordlijn: 1813",
                "Child Focus: 116 000", "17 zulke oproepen", "Pagina 1 van 3");
        assertThat(pdfText("de")).contains("Wochenbericht", "Lüttich", "Unterschriften", "2.500", "Zelfmoordlijn");
        assertThat(pdfText("en")).contains("weekly report", "Antwerp", "2,500", "1,500", "Methodology");
        try (PDDocument pdf = Loader.loadPDF(out.resolve("petition-report-2023-W47-fr.pdf").toFile())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(PdfReport.PAGES);
            for (PDPage page : pdf.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
            preview(pdf, "fr");
        }
        try (PDDocument pdf = Loader.loadPDF(out.resolve("petition-report-2023-W47-nl.pdf").toFile())) {
            preview(pdf, "nl");
        }
    }

    @Test
    void smallProvinceCountsNeverAppearInThePublishedReport() throws IOException {
        assertThat(run("--week", "2023-W47", "--api", api.url(), "--lang", "fr")).isZero();

        String pdf = pdfText("fr");
        String html = Files.readString(out.resolve("petition-report-2023-W47-fr.html"));
        for (String text : List.of(pdf, html)) {
            assertThat(text).contains("Luxembourg").doesNotContainPattern("Luxembourg\\s+5\\b")
                    .doesNotContainPattern("Étranger\\s+40");
        }
        assertThat(html).contains("<td>Luxembourg</td><td class=\"n\">&lt; 10</td>");
    }

    @Test
    void htmlIsWellFormedSelfContainedXhtmlWithTheMap() throws Exception {
        assertThat(run("--week", "2023-W47", "--api", api.url())).isZero();

        for (String language : List.of("fr", "nl")) {
            Path html = out.resolve("petition-report-2023-W47-" + language + ".html");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document document = factory.newDocumentBuilder().parse(html.toFile());
            assertThat(document.getDocumentElement().getAttribute("lang")).isEqualTo(language);
            assertThat(document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength()).isEqualTo(2);
            assertThat(document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength())
                    .isEqualTo(Regions.BELGIAN_AREAS.size());
            String text = Files.readString(html);
            assertThat(text).startsWith("<!DOCTYPE html>").doesNotContain("src=", "<link", "http://127.0.0.1")
                    .contains("116 000");
        }
        assertThat(Files.readString(out.resolve("petition-report-2023-W47-fr.html")))
                .contains("0800 32 123", "Nouvelles signatures cette semaine");
        Files.createDirectories(PREVIEW);
        Files.copy(out.resolve("petition-report-2023-W47-fr.html"), PREVIEW.resolve("fr.html"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.readString(out.resolve("petition-report-2023-W47-nl.html"))).contains("1813", "37");
    }

    @Test
    void csvFilesParseAndSumToTheTotals() throws IOException {
        assertThat(run("--week", "2023-W47", "--api", api.url())).isZero();

        assertThat(csvSum("petition-report-2023-W47-fr-week.csv")).isEqualTo(1500);
        assertThat(csvSum("petition-report-2023-W47-nl-week.csv")).isEqualTo(1500);
        assertThat(csvSum("petition-report-2023-W47-fr-since-launch.csv")).isEqualTo(2500);
        List<String> lines = Files.readAllLines(out.resolve("petition-report-2023-W47-nl-week.csv"));
        assertThat(lines.get(0)).isEqualTo(CsvReport.HEADER);
        assertThat(lines).contains("2023-11-24,web,NL,Buitenland (NL),40", "2023-11-22,web,BE-WLX,Luxemburg,5");
    }

    @Test
    void emptyWeekGivesAReportThatSaysSo() throws IOException {
        assertThat(run("--week", "2023-W49", "--api", api.url(), "--lang", "fr")).as(stderr.toString()).isZero();

        assertThat(pdfText("fr")).contains("Aucune nouvelle signature cette semaine. Le total reste à 3 499.");
        assertThat(csvSum("petition-report-2023-W49-fr-week.csv")).isZero();
    }

    @Test
    void theWeekSoFarIsMarkedPreliminaryOnEveryPageAndInEveryFile() throws Exception {
        assertThat(run("--week", "current", "--api", api.url(), "--lang", "fr,en")).as(stderr.toString()).isZero();

        assertThat(files()).containsExactlyInAnyOrder(
                "petition-report-2023-W51-preliminary-fr.pdf", "petition-report-2023-W51-preliminary-fr.html",
                "petition-report-2023-W51-preliminary-fr-week.csv",
                "petition-report-2023-W51-preliminary-fr-since-launch.csv",
                "petition-report-2023-W51-preliminary-en.pdf", "petition-report-2023-W51-preliminary-en.html",
                "petition-report-2023-W51-preliminary-en-week.csv",
                "petition-report-2023-W51-preliminary-en-since-launch.csv");
        assertThat(stdout.toString()).contains("Preliminary report of the week so far written to",
                "petition-report-2023-W51-preliminary-fr.pdf");
        try (PDDocument pdf = Loader.loadPDF(out.resolve("petition-report-2023-W51-preliminary-fr.pdf").toFile())) {
            assertThat(pdf.getDocumentInformation().getTitle()).endsWith("PROVISOIRE");
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertThat(stripper.getText(pdf).replace('\u00a0', ' ')).as("page %d", page)
                        .contains("PROVISOIRE : la semaine 2023-W51 n'est pas terminée");
            }
            preview(pdf, "fr-preliminary");
        }
        assertThat(pdfText("en").replaceAll("\\s+", " ")).contains("Week 2023-W51, 18 December 2023 to 20 December 2023 (so far)",
                "New signatures this week so far", "42", "Change from the same days of the week before",
                "+21 (+100.0%)", "Figures up to 20 December 2023 at 11:00",
                "The final report follows after Sunday 24 December 2023");
        String html = Files.readString(out.resolve("petition-report-2023-W51-preliminary-en.html"));
        assertThat(html).contains("<title>Petition &quot;Appelez Glenn / Bel Glenn&quot;: weekly report – 2023-W51 –"
                + " PRELIMINARY</title>");
        assertThat(html.split("<p class=\"preliminary\"", -1)).as("at the top and the bottom").hasSize(3);
        assertThat(html.indexOf("class=\"preliminary\"")).isLessThan(html.indexOf("<h1>"));
        assertThat(html.lastIndexOf("class=\"preliminary\"")).isGreaterThan(html.indexOf("<footer>"));
        for (String csv : List.of("week", "since-launch")) {
            List<String> lines = Files.readAllLines(out.resolve("petition-report-2023-W51-preliminary-fr-" + csv
                    + ".csv"));
            assertThat(lines.get(0)).isEqualTo(CsvReport.HEADER + ",status");
            assertThat(lines.subList(1, lines.size())).isNotEmpty().allMatch(line -> line.endsWith(",preliminary"))
                    .noneMatch(line -> line.startsWith("2023-12-21"));
        }
        assertThat(Files.readAllLines(out.resolve("petition-report-2023-W51-preliminary-fr-week.csv")))
                .containsExactly(CsvReport.HEADER + ",status", "2023-12-18,web,BE-VAN,Anvers,30,preliminary",
                        "2023-12-20,call,BE-WHT,Hainaut,12,preliminary");
    }

    @Test
    void toDateIsTheWeekSoFarAndTheFinalReportOfAFinishedWeekStaysFinal() throws IOException {
        assertThat(run("--to-date", "--api", api.url(), "--lang", "nl")).as(stderr.toString()).isZero();
        assertThat(run("--week", "2023-W50", "--api", api.url(), "--lang", "nl")).as(stderr.toString()).isZero();

        assertThat(files()).containsExactlyInAnyOrder(
                "petition-report-2023-W51-preliminary-nl.pdf", "petition-report-2023-W51-preliminary-nl.html",
                "petition-report-2023-W51-preliminary-nl-week.csv",
                "petition-report-2023-W51-preliminary-nl-since-launch.csv",
                "petition-report-2023-W50-nl.pdf", "petition-report-2023-W50-nl.html",
                "petition-report-2023-W50-nl-week.csv", "petition-report-2023-W50-nl-since-launch.csv");
        assertThat(pdfText("preliminary-nl")).contains("VOORLOPIG");
        try (PDDocument pdf = Loader.loadPDF(out.resolve("petition-report-2023-W50-nl.pdf").toFile())) {
            assertThat(new PDFTextStripper().getText(pdf)).doesNotContainIgnoringCase("voorlopig")
                    .contains("Nieuwe handtekeningen deze week\n121");
        }
        assertThat(Files.readString(out.resolve("petition-report-2023-W50-nl.html"))).doesNotContain("preliminary");
        assertThat(Files.readAllLines(out.resolve("petition-report-2023-W50-nl-week.csv")).get(0))
                .isEqualTo(CsvReport.HEADER);
    }

    @Test
    void toDateWithAFinishedWeekIsRefused() throws IOException {
        assertThat(run("--to-date", "--week", "2023-W47", "--api", api.url())).isEqualTo(1);
        assertThat(stderr.toString()).contains("--to-date is the week so far: drop --week 2023-W47");
        assertThat(run("--week", "current", "--every", "monday", "--api", api.url())).isEqualTo(1);
        assertThat(stderr.toString()).contains("--every writes final reports of finished weeks");
        assertThat(files()).isEmpty();
    }

    @Test
    void theReportGivesEveryReasonForNotCountingTheCampaignStartAndDatesWithTheirYear() throws IOException {
        assertThat(run("--week", "2023-W47", "--api", api.url(), "--lang", "en,fr")).as(stderr.toString()).isZero();

        String html = Files.readString(out.resolve("petition-report-2023-W47-en.html"));
        assertThat(html).contains("<h2>Not counted since launch, by reason</h2>",
                "<td>Duplicate: the same signature received again</td><td class=\"n\">1</td>",
                "<td>Duplicate: someone who had already signed</td><td class=\"n\">41</td>",
                "<td>Call: line busy</td><td class=\"n\">4</td>",
                "<td>Call with a hidden number</td><td class=\"n\">17</td>",
                "<td>Record rejected: damaged data</td><td class=\"n\">1</td>",
                "<td>Record rejected: unknown region</td><td class=\"n\">3</td>",
                "<td>Total</td><td class=\"n\">67</td>",
                "Campaign started on 13 November 2023: 14 days running on 26 November 2023.",
                ">13/11/2023</text>", ">26/11/2023</text>");
        assertThat(pdfText("fr")).contains("Enregistrement rejeté : région inconnue 3",
                "Appel avec un numéro masqué 17", "Campagne lancée le 13 novembre 2023 : 14 jours de campagne au"
                + " 26 novembre 2023.");
        assertThat(run("--week", "2023-W47", "--api", api.url(), "--lang", "en", "--set",
                "report.campaign.start=2023-11-10")).isZero();
        assertThat(Files.readString(out.resolve("petition-report-2023-W47-en.html")))
                .contains("Campaign started on 10 November 2023: 17 days running on 26 November 2023.");
    }

    @Test
    void defaultWeekIsTheLastCompleteOne() {
        assertThat(run("--api", api.url(), "--lang", "en")).as(stderr.toString()).isZero();

        assertThat(out.resolve("petition-report-2023-W50-en.pdf")).exists();
    }

    @Test
    void unknownWeekIsRefusedWithoutWritingAnything() throws IOException {
        assertThat(run("--week", "2023-W54", "--api", api.url())).isEqualTo(1);
        assertThat(stderr.toString()).contains("2023 has no ISO week 54");
        assertThat(run("--week", "2023-W44", "--api", api.url())).isEqualTo(1);
        assertThat(stderr.toString()).contains("before the campaign's launch on 2023-11-13");
        assertThat(files()).isEmpty();
    }

    @Test
    void futureWeekIsRefused() throws IOException {
        assertThat(run("--week", "2023-W51", "--api", api.url())).isEqualTo(1);

        assertThat(stderr.toString()).contains("Week 2023-W51 has not ended yet", "last complete week is 2023-W50");
        assertThat(files()).isEmpty();
    }

    @Test
    void unreachableApiFailsClearlyWithoutWritingAnything() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThat(run("--week", "2023-W47", "--api", "http://127.0.0.1:" + closedPort)).isEqualTo(1);

        assertThat(stderr.toString()).contains("Cannot reach the query API at http://127.0.0.1:" + closedPort,
                "Is the Streams app running");
        assertThat(allPaths()).isEmpty();
    }

    @Test
    void apiErrorFailsWithItsAnswer() throws IOException {
        api.failWith = 503;
        try {
            assertThat(run("--week", "2023-W47", "--api", api.url())).isEqualTo(1);
        } finally {
            api.failWith = 0;
        }
        assertThat(stderr.toString()).contains("answered 503", "Counts unavailable");
        assertThat(allPaths()).isEmpty();
    }

    @Test
    void staleCountsAreRefusedBecauseAReportMustBeExact() throws IOException {
        api.stale = true;
        try {
            assertThat(run("--week", "2023-W47", "--api", api.url())).isEqualTo(1);
        } finally {
            api.stale = false;
        }
        assertThat(stderr.toString()).contains("some counts could not be read");
        assertThat(allPaths()).isEmpty();
    }

    @Test
    void scheduleOptionsAreCheckedBeforeAnythingRuns() {
        assertThat(run("--every", "funday", "--api", api.url())).isEqualTo(1);
        assertThat(stderr.toString()).contains("--every funday: give a day of the week, e.g. --every monday");
        assertThat(run("--every", "monday", "--week", "2023-W47", "--api", api.url())).isEqualTo(1);
        assertThat(stderr.toString()).contains("drop --week");
    }

    @Test
    void badSettingSaysWhichFileDocumentsIt() {
        assertThat(run("--week", "2023-W47", "--api", api.url(), "--set", "report.min.count=0")).isEqualTo(1);
        assertThat(stderr.toString()).contains("report.min.count must be at least 1");
        assertThat(run("--week", "2023-W47", "--api", "not a url")).isEqualTo(1);
        assertThat(stderr.toString()).contains("is not a URL");
    }

    @Test
    void unsupportedLanguageIsRefused() {
        assertThat(run("--week", "2023-W47", "--api", api.url(), "--lang", "fr,it")).isEqualTo(1);

        assertThat(stderr.toString()).contains("Language 'it' is not supported: use some of fr,nl,de,en");
    }

    private String pdfText(String language) throws IOException {
        Path file;
        try (Stream<Path> files = Files.list(out)) {
            file = files.filter(p -> p.getFileName().toString().endsWith("-" + language + ".pdf")).findFirst()
                    .orElseThrow();
        }
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            return new PDFTextStripper().getText(pdf).replace('\u00a0', ' ');
        }
    }

    private long csvSum(String name) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve(name), StandardCharsets.UTF_8);
        long sum = 0;
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = csvFields(line);
            assertThat(fields).hasSize(5);
            sum += Long.parseLong(fields.get(4));
        }
        return sum;
    }

    /** RFC 4180 fields of one line (no line breaks inside fields in these files). */
    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        assertThat(quoted).as("unbalanced quotes in " + line).isFalse();
        return fields;
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private List<Path> allPaths() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(p -> !p.equals(out)).toList();
        }
    }

    /** Renders the pages to PNG in target/report-preview, to look at; asserts the first page is not blank. */
    private static void preview(PDDocument pdf, String language) throws IOException {
        Files.createDirectories(PREVIEW);
        PDFRenderer renderer = new PDFRenderer(pdf);
        for (int page = 0; page < pdf.getNumberOfPages(); page++) {
            BufferedImage image = renderer.renderImageWithDPI(page, 80);
            ImageIO.write(image, "png", PREVIEW.resolve(language + "-page" + (page + 1) + ".png").toFile());
            assertThat(darkPixels(image)).as("page %d is blank", page + 1).isGreaterThan(1000);
        }
    }

    private static long darkPixels(BufferedImage image) {
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if ((image.getRGB(x, y) & 0xff) < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }
}

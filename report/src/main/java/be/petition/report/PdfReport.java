package be.petition.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * The report as an A4 PDF with DejaVu Sans embedded: page 1 the headline numbers and the running total, page 2 the
 * map, regions and channels, page 3 the milestones, what did not count, the confirmation funnel and the methodology
 * (a long funnel section may go on to a fourth page). The help lines are on
 * every page, and so is the notice of a preliminary report.
 */
final class PdfReport {
    static final int PAGES = 3;
    private static final float MARGIN = 50;
    private static final float FOOTER = 70;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final ReportContent c;
    private final PDDocument document;
    private final PdfFonts fonts;
    private PDPageContentStream out;
    private float y;

    private PdfReport(ReportContent c, PDDocument document) {
        this.c = c;
        this.document = document;
        this.fonts = PdfFonts.load(document);
    }

    static void render(ReportContent c, ProvinceMap map, OutputStream target) {
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(c.title() + " – " + c.report.week()
                    + (c.preliminaryMark() == null ? "" : " – " + c.preliminaryMark()));
            info.setSubject(c.period());
            info.setCreator("Petition Pipeline");
            new PdfReport(c, document).write(map);
            document.getDocumentCatalog().setLanguage(c.texts.language());
            document.save(target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the PDF report", e);
        }
    }

    private void write(ProvinceMap map) throws IOException {
        newPage();
        paragraph(c.title(), 16, true);
        paragraph(c.period(), 12, false);
        paragraph(c.campaignStart(), 10, false);
        text(c.asOf(), 9, false);
        y -= 6;
        helpBox();
        y -= 10;
        headline();
        if (c.emptyWeek() != null) {
            y -= 4;
            paragraph(c.emptyWeek(), 11, true);
        }
        heading(c.runningTitle());
        float chartScale = WIDTH / (float) Figures.CHART_WIDTH;
        Figures.runningTotal(new PdfCanvas(out, fonts, MARGIN, y, chartScale), c.report, c.texts);
        y -= Figures.CHART_HEIGHT * chartScale + 4;
        paragraph(c.runningCaption(), 8, false);
        heading(c.texts.t("days.title"));
        table(c.days(), new float[] {200, 110});

        newPage();
        heading(c.texts.t("map.title"));
        float mapWidth = 305;
        float mapScale = mapWidth / (float) map.width();
        float top = y;
        Figures.map(new PdfCanvas(out, fonts, MARGIN, y, mapScale), map, c.report, c.texts);
        float mapBottom = top - (float) Figures.mapHeight(map) * mapScale;
        y = top;
        table(c.provinces(), new float[] {110, 60}, MARGIN + mapWidth + 15);
        y = Math.min(y, mapBottom) - 4;
        paragraph(c.texts.t("map.legend", c.texts.number(c.report.minCount())), 8, false);
        heading(c.texts.t("regions.title"));
        table(c.regions(), new float[] {200, 90, 70});
        heading(c.texts.t("channels.title"));
        table(c.channels(), new float[] {200, 90, 70});

        newPage();
        heading(c.texts.t("milestones.title"));
        for (String milestone : c.milestones()) {
            paragraph("• " + milestone, 10, false);
        }
        heading(c.texts.t("reasons.title"));
        if (c.notCounted() != null) {
            table(c.notCounted(), new float[] {330, 90});
            y -= 4;
        }
        paragraph(c.notCountedNote(), 9, false);
        if (c.report.funnel().configured()) {
            heading(c.funnelTitle());
            if (c.funnel() != null) {
                table(c.funnel(), new float[] {330, 90});
                y -= 4;
            }
        } else {
            y -= 6;
        }
        for (String note : c.funnelNotes()) {
            paragraph(note, 9, false);
        }
        heading(c.texts.t("method.title"));
        for (String paragraph : c.methodology()) {
            paragraph(paragraph, 10, false);
            y -= 4;
        }
        out.close();
        footers();
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        out = new PDPageContentStream(document, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** Goes on with a new page rather than write over the footer (e.g. a long translation). */
    private void keepAboveFooter(float height) throws IOException {
        if (y - height < MARGIN + FOOTER) {
            newPage();
        }
    }

    /**
     * The help lines and the page number at the bottom of every page, and on a preliminary report the notice at the
     * top of every page (a page printed or forwarded alone still says it is not final).
     */
    private void footers() throws IOException {
        int pages = document.getNumberOfPages();
        for (int i = 0; i < pages; i++) {
            try (PDPageContentStream footer = new PDPageContentStream(document, document.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                out = footer;
                float line = MARGIN + FOOTER - 18;
                footer.setStrokingColor(0f);
                footer.setLineWidth(0.5f);
                footer.moveTo(MARGIN, line + 12);
                footer.lineTo(MARGIN + WIDTH, line + 12);
                footer.stroke();
                show(c.helpTitle() + " " + String.join(" · ", c.helpLines().subList(0, 1)), MARGIN, line, 8, true);
                for (String help : c.helpLines().subList(1, c.helpLines().size())) {
                    line -= 11;
                    show(help, MARGIN, line, 8, false);
                }
                if (c.preliminaryNotice() != null) {
                    float top = PDRectangle.A4.getHeight() - 22;
                    for (String notice : wrap(c.preliminaryNotice(), fonts.bold(), 8, WIDTH)) {
                        show(notice, MARGIN, top, 8, true);
                        top -= 10;
                    }
                }
                String page = c.texts.t("page", i + 1, pages);
                show(page, MARGIN + WIDTH - PdfFonts.width(fonts.regular(), page, 8), MARGIN - 10, 8, false);
            }
        }
    }

    private void helpBox() throws IOException {
        List<String> lines = c.helpLines();
        float height = 22 + 14 * lines.size();
        out.setStrokingColor(0f);
        out.setLineWidth(1.5f);
        out.addRect(MARGIN, y - height, WIDTH, height);
        out.stroke();
        float line = y - 16;
        show(c.helpTitle(), MARGIN + 10, line, 11, true);
        for (String help : lines) {
            line -= 14;
            show(help, MARGIN + 10, line, 10, false);
        }
        y -= height;
    }

    private void headline() throws IOException {
        List<List<String>> kpis = c.headline();
        float boxWidth = (WIDTH - 20) / kpis.size();
        float height = 62;
        for (int i = 0; i < kpis.size(); i++) {
            float x = MARGIN + i * (boxWidth + 10);
            out.setStrokingColor(0f);
            out.setLineWidth(1f);
            out.addRect(x, y - height, boxWidth, height);
            out.stroke();
            float line = y - 13;
            for (String label : wrap(kpis.get(i).get(0), fonts.regular(), 8, boxWidth - 12)) {
                show(label, x + 6, line, 8, false);
                line -= 10;
            }
            List<String> value = wrap(kpis.get(i).get(1), fonts.bold(), 13, boxWidth - 12);
            float valueLine = y - height + 8 + 14 * (value.size() - 1);
            for (String part : value) {
                show(part, x + 6, valueLine, 13, true);
                valueLine -= 14;
            }
        }
        y -= height + 6;
    }

    private void heading(String text) throws IOException {
        y -= 10;
        text(text, 13, true);
        y -= 2;
    }

    private void text(String text, float size, boolean bold) throws IOException {
        keepAboveFooter(size * 1.3f);
        y -= size * 1.3f;
        show(text, MARGIN, y, size, bold);
    }

    private void paragraph(String text, float size, boolean bold) throws IOException {
        for (String line : wrap(text, bold ? fonts.bold() : fonts.regular(), size, WIDTH)) {
            text(line, size, bold);
        }
    }

    private void table(ReportContent.Table table, float[] widths) throws IOException {
        table(table, widths, MARGIN);
    }

    private void table(ReportContent.Table table, float[] widths, float left) throws IOException {
        row(table.header(), widths, left, true);
        for (List<String> row : table.rows()) {
            row(row, widths, left, false);
        }
        if (table.total() != null) {
            float total = 0;
            for (float w : widths) {
                total += w;
            }
            out.setLineWidth(1f);
            out.moveTo(left, y - 3);
            out.lineTo(left + total, y - 3);
            out.stroke();
            row(table.total(), widths, left, true);
        }
    }

    private void row(List<String> cells, float[] widths, float left, boolean bold) throws IOException {
        float size = 9.5f;
        keepAboveFooter(size * 1.55f);
        y -= size * 1.55f;
        float x = left;
        PDFont font = bold ? fonts.bold() : fonts.regular();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            float cellX = i == 0 ? x : x + widths[i] - PdfFonts.width(font, cell, size);
            show(cell, cellX, y, size, bold);
            x += widths[i];
        }
    }

    private void show(String text, float x, float baseline, float size, boolean bold) throws IOException {
        out.setNonStrokingColor(0f);
        out.beginText();
        out.setFont(bold ? fonts.bold() : fonts.regular(), size);
        out.newLineAtOffset(x, baseline);
        out.showText(text);
        out.endText();
    }

    private static List<String> wrap(String text, PDFont font, float size, float width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && PdfFonts.width(font, candidate, size) > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }
}

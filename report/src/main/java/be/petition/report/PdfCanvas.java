package be.petition.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Draws a figure into a PDF page: canvas units are scaled by {@code scale} and placed with their top left corner at
 * {@code (left, top)} in PDF points (PDF's y axis grows upwards).
 */
final class PdfCanvas implements Canvas {
    private final PDPageContentStream out;
    private final PdfFonts fonts;
    private final double left;
    private final double top;
    private final double scale;

    PdfCanvas(PDPageContentStream out, PdfFonts fonts, double left, double top, double scale) {
        this.out = out;
        this.fonts = fonts;
        this.left = left;
        this.top = top;
        this.scale = scale;
    }

    private float x(double x) {
        return (float) (left + x * scale);
    }

    private float y(double y) {
        return (float) (top - y * scale);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, double width, double grey, boolean dashed) {
        run(() -> {
            out.setStrokingColor((float) grey);
            out.setLineWidth((float) (width * scale));
            if (dashed) {
                out.setLineDashPattern(new float[] {(float) (3 * scale), (float) (3 * scale)}, 0);
            }
            out.moveTo(x(x1), y(y1));
            out.lineTo(x(x2), y(y2));
            out.stroke();
            if (dashed) {
                out.setLineDashPattern(new float[0], 0);
            }
        });
    }

    @Override
    public void rect(double x, double y, double w, double h, double fillGrey, double strokeGrey) {
        run(() -> {
            out.setNonStrokingColor((float) fillGrey);
            out.addRect(x(x), y(y + h), (float) (w * scale), (float) (h * scale));
            if (strokeGrey < 0) {
                out.fill();
            } else {
                out.setStrokingColor((float) strokeGrey);
                out.setLineWidth(0.5f);
                out.fillAndStroke();
            }
        });
    }

    @Override
    public void polygon(List<ProvinceMap.Point> points, double fillGrey, double strokeGrey) {
        run(() -> {
            path(points);
            out.setNonStrokingColor((float) fillGrey);
            out.setStrokingColor((float) strokeGrey);
            out.setLineWidth((float) (1.5 * scale));
            out.fillAndStrokeEvenOdd();
        });
    }

    @Override
    public void area(ProvinceMap.Area area, double fillGrey, String title) {
        run(() -> {
            for (List<ProvinceMap.Point> ring : area.rings()) {
                path(ring);
            }
            out.setNonStrokingColor((float) fillGrey);
            out.setStrokingColor(0f);
            out.setLineWidth((float) Math.max(0.4, scale));
            out.fillAndStrokeEvenOdd();
        });
    }

    @Override
    public void text(double x, double y, String text, double size, boolean bold, Anchor anchor) {
        run(() -> {
            PDFont font = bold ? fonts.bold() : fonts.regular();
            float fontSize = (float) (size * scale);
            float width = PdfFonts.width(font, text, fontSize);
            float start = switch (anchor) {
                case START -> x(x);
                case MIDDLE -> x(x) - width / 2;
                case END -> x(x) - width;
            };
            out.setNonStrokingColor(0f);
            out.beginText();
            out.setFont(font, fontSize);
            out.newLineAtOffset(start, y(y));
            out.showText(text);
            out.endText();
        });
    }

    @Override
    public double textWidth(String text, double size, boolean bold) {
        return PdfFonts.width(bold ? fonts.bold() : fonts.regular(), text, (float) size);
    }

    private void path(List<ProvinceMap.Point> ring) throws IOException {
        for (int i = 0; i < ring.size(); i++) {
            ProvinceMap.Point p = ring.get(i);
            if (i == 0) {
                out.moveTo(x(p.x()), y(p.y()));
            } else {
                out.lineTo(x(p.x()), y(p.y()));
            }
        }
        out.closePath();
    }

    private interface PdfAction {
        void run() throws IOException;
    }

    private static void run(PdfAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package be.petition.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * DejaVu Sans, embedded (subset) in every PDF so accents print the same everywhere. The TTFs come from the
 * {@code net.sf.jasperreports:jasperreports-fonts} jar on Maven Central (DejaVu licence, see its LICENSE file).
 */
record PdfFonts(PDFont regular, PDFont bold) {
    private static final String DIR = "net/sf/jasperreports/fonts/dejavu/";

    static PdfFonts load(PDDocument document) {
        return new PdfFonts(font(document, "DejaVuSans.ttf"), font(document, "DejaVuSans-Bold.ttf"));
    }

    private static PDFont font(PDDocument document, String file) {
        try (InputStream in = PdfFonts.class.getClassLoader().getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException(DIR + file + " is missing: the jasperreports-fonts jar must be on the"
                        + " classpath");
            }
            return PDType0Font.load(document, in, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the font " + file, e);
        }
    }

    static float width(PDFont font, String text, float size) {
        try {
            return font.getStringWidth(text) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

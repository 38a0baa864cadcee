package be.petition.report;

import java.util.List;
import java.util.Locale;

/** Draws into an inline SVG element (for the HTML report). */
final class SvgCanvas implements Canvas {
    private final StringBuilder svg = new StringBuilder();
    private final double width;
    private final double height;

    SvgCanvas(double width, double height) {
        this.width = width;
        this.height = height;
    }

    /** The complete {@code <svg>} element with an accessible name. */
    String toSvg(String label) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(width) + " " + num(height)
                + "\" role=\"img\" aria-label=\"" + Html.escape(label) + "\" font-family=\"DejaVu Sans, Verdana,"
                + " sans-serif\">\n" + svg + "</svg>";
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, double width, double grey, boolean dashed) {
        svg.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(colour(grey))
                .append("\" stroke-width=\"").append(num(width)).append('"')
                .append(dashed ? " stroke-dasharray=\"3 3\"" : "").append("/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, double fillGrey, double strokeGrey) {
        svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" fill=\"").append(colour(fillGrey))
                .append("\" stroke=\"").append(strokeGrey < 0 ? "none" : colour(strokeGrey)).append("\"/>\n");
    }

    @Override
    public void polygon(List<ProvinceMap.Point> points, double fillGrey, double strokeGrey) {
        svg.append("<polygon points=\"");
        for (ProvinceMap.Point p : points) {
            svg.append(num(p.x())).append(',').append(num(p.y())).append(' ');
        }
        svg.append("\" fill=\"").append(colour(fillGrey)).append("\" stroke=\"").append(colour(strokeGrey))
                .append("\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/>\n");
    }

    @Override
    public void area(ProvinceMap.Area area, double fillGrey, String title) {
        svg.append("<path id=\"").append(area.code()).append("\" fill-rule=\"evenodd\" fill=\"")
                .append(colour(fillGrey)).append("\" stroke=\"#000000\" stroke-width=\"1\" d=\"")
                .append(area.pathData()).append("\"><title>").append(Html.escape(title)).append("</title></path>\n");
    }

    @Override
    public void text(double x, double y, String text, double size, boolean bold, Anchor anchor) {
        svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"")
                .append(num(size)).append('"').append(bold ? " font-weight=\"bold\"" : "")
                .append(switch (anchor) {
                    case START -> "";
                    case MIDDLE -> " text-anchor=\"middle\"";
                    case END -> " text-anchor=\"end\"";
                }).append('>').append(Html.escape(text)).append("</text>\n");
    }

    @Override
    public double textWidth(String text, double size, boolean bold) {
        return text.length() * size * (bold ? 0.62 : 0.56);
    }

    private static String colour(double grey) {
        int level = (int) Math.round(Math.max(0, Math.min(1, grey)) * 255);
        return String.format("#%02x%02x%02x", level, level, level);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}

package be.petition.report;

import java.util.List;

/**
 * What the charts and the map need from a drawing surface, so that the HTML (SVG) and the PDF show the same
 * figure from one drawing code. Coordinates start top left, y grows downwards (as in SVG). Colours are grey levels
 * from 0 (black) to 1 (white): the report must read the same when printed in black and white.
 */
interface Canvas {
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, double width, double grey, boolean dashed);

    void rect(double x, double y, double w, double h, double fillGrey, double strokeGrey);

    /** A filled, outlined polygon (even-odd rule). */
    void polygon(List<ProvinceMap.Point> points, double fillGrey, double strokeGrey);

    /** A province of {@link ProvinceMap}, filled; {@code title} is the name shown on hover where possible. */
    void area(ProvinceMap.Area area, double fillGrey, String title);

    void text(double x, double y, String text, double size, boolean bold, Anchor anchor);

    /** The width of a text in the canvas's units. */
    double textWidth(String text, double size, boolean bold);
}

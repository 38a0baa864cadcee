package be.petition.report;

import be.petition.geography.Regions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's figures, drawn once for both the HTML and the PDF. All in grey levels, labelled with numbers. */
final class Figures {
    static final double CHART_WIDTH = 520;
    static final double CHART_HEIGHT = 200;
    static final double MAP_LEGEND_HEIGHT = 60;

    /** Fill of the map's classes: white for small counts, then four greys (labels carry the numbers). */
    private static final double[] MAP_GREYS = {1.0, 0.86, 0.7, 0.54, 0.38};
    /**
     * Brussels is too small for its label: it goes west of the city, linked by a line; Flemish Brabant's centroid
     * falls next to Brussels, so its label goes to its eastern half (map units of be-provinces.svg).
     */
    private static final ProvinceMap.Point BRUSSELS_LABEL = new ProvinceMap.Point(290, 262);
    private static final ProvinceMap.Point FLEMISH_BRABANT_LABEL = new ProvinceMap.Point(508, 236);

    private Figures() {
    }

    /** The running total by day: a filled line, the report's week shaded, y axis in the language's numbers. */
    static void runningTotal(Canvas canvas, WeeklyReport report, Texts texts) {
        List<WeeklyReport.DayTotal> days = report.runningTotal();
        double left = 64;
        double right = CHART_WIDTH - 24;
        double top = 12;
        double bottom = CHART_HEIGHT - 30;
        long step = niceStep(Math.max(report.total(), 10));
        long max = Math.max(step, (report.total() + step - 1) / step * step);
        int n = days.size();
        double dx = n > 1 ? (right - left) / (n - 1) : 0;

        // the week's days end the series (seven, or fewer in a preliminary report)
        int weekStart = n - report.weekByDay().size();
        double bandStart = left + Math.max(0, weekStart - 0.5) * dx;
        canvas.rect(bandStart, top, right - bandStart, bottom - top, 0.92, -1);
        for (long tick = 0; tick <= max; tick += step) {
            double y = bottom - (bottom - top) * tick / max;
            canvas.line(left, y, right, y, 0.5, 0.75, tick != 0);
            canvas.text(left - 6, y + 4, texts.number(tick), 11, false, Canvas.Anchor.END);
        }
        List<ProvinceMap.Point> area = new ArrayList<>();
        area.add(new ProvinceMap.Point(left, bottom));
        for (int i = 0; i < n; i++) {
            area.add(new ProvinceMap.Point(left + i * dx, bottom - (bottom - top) * days.get(i).count() / max));
        }
        area.add(new ProvinceMap.Point(left + (n - 1) * dx, bottom));
        canvas.polygon(area, 0.8, 0.8);
        for (int i = 1; i < n; i++) {
            canvas.line(area.get(i).x(), area.get(i).y(), area.get(i + 1).x(), area.get(i + 1).y(), 2, 0, false);
        }
        canvas.line(left, bottom, right, bottom, 1, 0, false);
        int labels = Math.min(n, 7);
        for (int k = 0; k < labels; k++) {
            int i = labels == 1 ? 0 : (int) Math.round((double) k * (n - 1) / (labels - 1));
            double x = left + i * dx;
            canvas.line(x, bottom, x, bottom + 4, 1, 0, false);
            canvas.text(x, bottom + 17, texts.shortDate(days.get(i).day()), 11, false, Canvas.Anchor.MIDDLE);
        }
    }

    /** Provinces shaded by the week's signatures, each labelled with its count (or "< 10"), and a legend. */
    static void map(Canvas canvas, ProvinceMap map, WeeklyReport report, Texts texts) {
        Map<String, Long> counts = report.provinces();
        long max = counts.entrySet().stream().filter(e -> !report.isHidden(e.getKey())).mapToLong(Map.Entry::getValue)
                .max().orElse(0);
        for (ProvinceMap.Area area : map.areas()) {
            long count = counts.getOrDefault(area.code(), 0L);
            canvas.area(area, MAP_GREYS[report.isHidden(area.code()) ? 0 : level(count, max)],
                    texts.area(area.code()) + ": " + texts.areaCount(report, area.code(), count));
        }
        for (ProvinceMap.Area area : map.areas()) {
            String label = texts.areaCount(report, area.code(), counts.getOrDefault(area.code(), 0L));
            double x = area.label().x();
            double y = area.label().y();
            if (area.code().equals(Regions.BRUSSELS)) {
                canvas.line(x, y, BRUSSELS_LABEL.x(), BRUSSELS_LABEL.y() - 6, 1.5, 0, false);
                x = BRUSSELS_LABEL.x();
                y = BRUSSELS_LABEL.y();
            } else if (area.code().equals(Regions.FLEMISH_BRABANT)) {
                x = FLEMISH_BRABANT_LABEL.x();
                y = FLEMISH_BRABANT_LABEL.y();
            }
            double w = canvas.textWidth(label, 22, true) + 10;
            canvas.rect(x - w / 2, y - 19, w, 26, 1.0, 0);
            canvas.text(x, y, label, 22, true, Canvas.Anchor.MIDDLE);
        }
        double y = map.height() + 20;
        double x = 10;
        for (int level = 0; level < MAP_GREYS.length; level++) {
            long low = Math.max(report.minCount(), (long) Math.floor(max * (level - 1) / 4.0) + 1);
            long high = (long) Math.floor(max * level / 4.0);
            if (level > 0 && low > high) {
                continue;
            }
            String label = level == 0 ? "< " + texts.number(report.minCount())
                    : low == high ? texts.number(low) : texts.number(low) + "–" + texts.number(high);
            canvas.rect(x, y, 30, 24, MAP_GREYS[level], 0);
            canvas.text(x + 38, y + 19, label, 20, false, Canvas.Anchor.START);
            x += 48 + canvas.textWidth(label, 20, false) + 20;
        }
    }

    static double mapHeight(ProvinceMap map) {
        return map.height() + MAP_LEGEND_HEIGHT;
    }

    private static int level(long count, long max) {
        if (max == 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(4, Math.ceil(4.0 * count / max)));
    }

    /** 1, 2 or 5 times a power of ten, giving four to eight ticks. */
    static long niceStep(long max) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (max / (step * m) <= 6) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }
}

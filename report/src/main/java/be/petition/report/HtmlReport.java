package be.petition.report;

import java.util.List;

/**
 * The report as one self-contained XHTML page (inline CSS and SVG, no external resource), well-formed XML so any
 * strict parser reads it. Same content and order as the PDF.
 */
final class HtmlReport {
    private static final String STYLE = """
            body{font-family:"DejaVu Sans",Verdana,sans-serif;color:#000;background:#fff;max-width:52em;
              margin:2em auto;padding:0 1em;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #000}
            .kpis{display:flex;gap:1em;flex-wrap:wrap}.kpi{border:1px solid #000;padding:.6em 1em;flex:1 1 12em}
            .kpi .value{font-size:1.6em;font-weight:bold;display:block}
            table{border-collapse:collapse;margin:.6em 0}
            th,td{padding:.2em .8em;border-bottom:1px solid #999;text-align:left}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            tfoot td{font-weight:bold;border-top:2px solid #000}
            figure{margin:1em 0}svg{max-width:100%;height:auto}figcaption{font-size:.9em}
            .help{border:2px solid #000;padding:.4em 1em;margin:1em 0}.help h2{border:none;margin-top:.3em}
            .empty{font-weight:bold;border-left:4px solid #000;padding-left:.8em}
            .meta{color:#333}
            """;
    private static final String PRELIMINARY_STYLE = """
            .preliminary{border:3px solid #000;padding:.4em 1em;font-weight:bold}
            """;

    private HtmlReport() {
    }

    static String render(ReportContent c, ProvinceMap map) {
        StringBuilder h = new StringBuilder();
        String lang = c.texts.language();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").append(lang)
                .append("\" xml:lang=\"").append(lang).append("\">\n<head>\n<meta charset=\"UTF-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>")
                .append(esc(c.title() + " – " + c.report.week()
                        + (c.preliminaryMark() == null ? "" : " – " + c.preliminaryMark())))
                .append("</title>\n<style>\n").append(STYLE)
                .append(c.preliminaryNotice() == null ? "" : PRELIMINARY_STYLE).append("</style>\n</head>\n<body>\n");
        preliminary(h, c);
        h.append("<header>\n<h1>").append(esc(c.title())).append("</h1>\n<p>")
                .append(esc(c.period())).append("</p>\n<p>").append(esc(c.campaignStart()))
                .append("</p>\n<p class=\"meta\">").append(esc(c.asOf())).append("</p>\n</header>\n");
        help(h, c);
        h.append("<section class=\"kpis\">\n");
        for (List<String> kpi : c.headline()) {
            h.append("<div class=\"kpi\">").append(esc(kpi.get(0))).append("<span class=\"value\">")
                    .append(esc(kpi.get(1))).append("</span></div>\n");
        }
        h.append("</section>\n");
        if (c.emptyWeek() != null) {
            h.append("<p class=\"empty\">").append(esc(c.emptyWeek())).append("</p>\n");
        }
        SvgCanvas chart = new SvgCanvas(Figures.CHART_WIDTH, Figures.CHART_HEIGHT);
        Figures.runningTotal(chart, c.report, c.texts);
        h.append("<section>\n<h2>").append(esc(c.runningTitle())).append("</h2>\n<figure>\n")
                .append(chart.toSvg(c.runningTitle())).append("\n<figcaption>").append(esc(c.runningCaption()))
                .append("</figcaption>\n</figure>\n</section>\n");
        section(h, c.texts.t("days.title"), c.days());
        SvgCanvas mapCanvas = new SvgCanvas(map.width(), Figures.mapHeight(map));
        Figures.map(mapCanvas, map, c.report, c.texts);
        h.append("<section>\n<h2>").append(esc(c.texts.t("map.title"))).append("</h2>\n<figure>\n")
                .append(mapCanvas.toSvg(c.texts.t("map.title"))).append("\n<figcaption>")
                .append(esc(c.texts.t("map.legend", c.texts.number(c.report.minCount()))))
                .append("</figcaption>\n</figure>\n");
        table(h, c.provinces());
        h.append("</section>\n");
        section(h, c.texts.t("regions.title"), c.regions());
        section(h, c.texts.t("channels.title"), c.channels());
        h.append("<section>\n<h2>").append(esc(c.texts.t("milestones.title"))).append("</h2>\n<ul>\n");
        c.milestones().forEach(m -> h.append("<li>").append(esc(m)).append("</li>\n"));
        h.append("</ul>\n</section>\n<section>\n<h2>").append(esc(c.texts.t("reasons.title"))).append("</h2>\n");
        if (c.notCounted() != null) {
            table(h, c.notCounted());
        }
        h.append("<p>").append(esc(c.notCountedNote())).append("</p>\n</section>\n");
        funnel(h, c);
        h.append("<section>\n<h2>").append(esc(c.texts.t("method.title"))).append("</h2>\n");
        c.methodology().forEach(p -> h.append("<p>").append(esc(p)).append("</p>\n"));
        h.append("</section>\n<footer>\n");
        help(h, c);
        preliminary(h, c);
        h.append("</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The confirmation funnel with its notes; without gateways configured only the note that says so. */
    private static void funnel(StringBuilder h, ReportContent c) {
        if (!c.report.funnel().configured()) {
            c.funnelNotes().forEach(note -> h.append("<p class=\"meta\">").append(esc(note)).append("</p>\n"));
            return;
        }
        h.append("<section>\n<h2>").append(esc(c.funnelTitle())).append("</h2>\n");
        if (c.funnel() != null) {
            table(h, c.funnel());
        }
        c.funnelNotes().forEach(note -> h.append("<p class=\"meta\">").append(esc(note)).append("</p>\n"));
        h.append("</section>\n");
    }

    /** At the top and the bottom of a preliminary report, so that no part of the page is read as final. */
    private static void preliminary(StringBuilder h, ReportContent c) {
        if (c.preliminaryNotice() != null) {
            h.append("<p class=\"preliminary\" role=\"note\">").append(esc(c.preliminaryNotice())).append("</p>\n");
        }
    }

    private static void help(StringBuilder h, ReportContent c) {
        h.append("<aside class=\"help\">\n<h2>").append(esc(c.helpTitle())).append("</h2>\n<ul>\n");
        c.helpLines().forEach(line -> h.append("<li>").append(esc(line)).append("</li>\n"));
        h.append("</ul>\n</aside>\n");
    }

    private static void section(StringBuilder h, String title, ReportContent.Table table) {
        h.append("<section>\n<h2>").append(esc(title)).append("</h2>\n");
        table(h, table);
        h.append("</section>\n");
    }

    private static void table(StringBuilder h, ReportContent.Table table) {
        h.append("<table>\n<thead><tr>");
        for (int i = 0; i < table.header().size(); i++) {
            h.append(i == 0 ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"n\">")
                    .append(esc(table.header().get(i))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            row(h, row);
        }
        h.append("</tbody>\n");
        if (table.total() != null) {
            h.append("<tfoot>\n");
            row(h, table.total());
            h.append("</tfoot>\n");
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, List<String> row) {
        h.append("<tr>");
        for (int i = 0; i < row.size(); i++) {
            h.append(i == 0 ? "<td>" : "<td class=\"n\">").append(esc(row.get(i))).append("</td>");
        }
        h.append("</tr>\n");
    }

    private static String esc(String text) {
        return Html.escape(text);
    }
}

package be.petition.report;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's words and numbers in one language, in reading order, shared by the PDF and the HTML so that both
 * say exactly the same. Area counts follow the small-count rule; shares of hidden counts are hidden too.
 */
final class ReportContent {
    /** A table: a header row, body rows, and a total row (or null). */
    record Table(List<String> header, List<List<String>> rows, List<String> total) {
    }

    final WeeklyReport report;
    final Texts texts;

    ReportContent(WeeklyReport report, Texts texts) {
        this.report = report;
        this.texts = texts;
    }

    String title() {
        return texts.t("title");
    }

    String period() {
        return report.preliminary()
                ? texts.t("period.sofar", report.week(), texts.date(report.week().monday()),
                        texts.date(report.lastDay()))
                : texts.t("period", report.week(), texts.date(report.week().monday()),
                        texts.date(report.week().sunday()));
    }

    String asOf() {
        LocalDateTime at = generatedAt();
        return texts.t("asof", texts.date(at.toLocalDate()), time(at));
    }

    /** The word that marks every page of a preliminary report; null for a final report. */
    String preliminaryMark() {
        return report.preliminary() ? texts.t("preliminary.mark") : null;
    }

    /** The mark and what preliminary means, on every page of a preliminary report; null for a final report. */
    String preliminaryNotice() {
        if (!report.preliminary()) {
            return null;
        }
        LocalDateTime at = generatedAt();
        return texts.t("preliminary.line", preliminaryMark(), texts.t("preliminary.notice", report.week(),
                texts.date(at.toLocalDate()), time(at), texts.date(report.week().sunday())));
    }

    /** The campaign's start and how many days it has run by the report's last day. */
    String campaignStart() {
        if (report.campaignStart() == null) {
            return texts.t("campaign.start.none");
        }
        return texts.t("campaign.start", texts.date(report.campaignStart()), texts.number(report.daysRunning()),
                texts.date(report.lastDay()));
    }

    /** Label → value of the three headline numbers. */
    List<List<String>> headline() {
        String change = report.changePercent() == null ? texts.signed(report.change()) + " ("
                + texts.t("kpi.change.none") + ")"
                : texts.t("kpi.change.value", texts.signed(report.change()), texts.percent(report.changePercent()));
        String soFar = report.preliminary() ? ".sofar" : "";
        return List.of(
                List.of(texts.t("kpi.total"), texts.number(report.total())),
                List.of(texts.t("kpi.week" + soFar), texts.number(report.weekNew())),
                List.of(texts.t("kpi.change" + soFar), change));
    }

    /** Said when the week had no signature; null otherwise. */
    String emptyWeek() {
        return report.isEmptyWeek() ? texts.t("empty.week", texts.number(report.total())) : null;
    }

    String runningTitle() {
        return texts.t("running.title");
    }

    String runningCaption() {
        List<WeeklyReport.DayTotal> days = report.runningTotal();
        return texts.t("running.caption", texts.date(days.get(0).day()), texts.date(days.get(days.size() - 1).day()));
    }

    Table days() {
        List<List<String>> rows = new ArrayList<>();
        for (WeeklyReport.DayTotal day : report.weekByDay()) {
            rows.add(List.of(texts.weekday(day.day()) + " " + texts.date(day.day()), texts.number(day.count())));
        }
        return new Table(List.of(texts.t("col.day"), texts.t("col.signatures")), rows,
                List.of(texts.t("total"), texts.number(report.weekNew())));
    }

    /** Without a total row: with one, a hidden "< 10" could be worked out from the others. */
    Table provinces() {
        Table table = areaTable(report.provinces(), false);
        return new Table(table.header(), table.rows(), null);
    }

    Table regions() {
        return areaTable(report.regions(), true);
    }

    Table channels() {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Long> channel : report.channels().entrySet()) {
            rows.add(List.of(texts.channel(channel.getKey()), texts.number(channel.getValue()),
                    share(channel.getValue())));
        }
        return new Table(List.of(texts.t("col.channel"), texts.t("col.signatures"), texts.t("col.share")), rows,
                List.of(texts.t("total"), texts.number(report.weekNew()), share(report.weekNew())));
    }

    List<String> milestones() {
        if (report.milestones().isEmpty()) {
            return List.of(texts.t("milestones.none"));
        }
        return report.milestones().stream().map(m -> texts.t("milestone", texts.number(m.threshold()),
                texts.date(m.reached())) + (m.thisWeek() ? " (" + texts.t("milestone.thisweek") + ")" : "")).toList();
    }

    List<String> methodology() {
        return List.of(
                texts.t("method.person"),
                texts.t("method.duplicates", texts.number(report.stats().duplicates())),
                texts.t("method.withdrawals"),
                texts.t("method.withheld", texts.number(report.stats().withheldCalls())),
                texts.t("method.privacy", texts.number(report.minCount())),
                texts.t("method.calendar"));
    }

    /** Everything that reached the petition but did not count since launch, by reason; null when nothing. */
    Table notCounted() {
        CallStats stats = report.stats();
        List<List<String>> rows = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Map<String, Long>> kind : List.of(Map.entry("duplicate", stats.duplicatesByKind()),
                Map.entry("call", stats.uncountableCalls()), Map.entry("record", stats.rejectedRecords()))) {
            for (Map.Entry<String, Long> reason : new TreeMap<>(kind.getValue()).entrySet()) {
                if (reason.getValue() != 0) {
                    rows.add(List.of(texts.reason(kind.getKey(), reason.getKey()), texts.number(reason.getValue())));
                    total += reason.getValue();
                }
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        return new Table(List.of(texts.t("col.reason"), texts.t("col.count")), rows,
                List.of(texts.t("total"), texts.number(total)));
    }

    /** Said under the reasons table, or instead of it when nothing was left uncounted. */
    String notCountedNote() {
        return notCounted() == null ? texts.t("reasons.none") : texts.t("reasons.note");
    }

    String funnelTitle() {
        return texts.t("funnel.title");
    }

    /**
     * The confirmation funnel as the gateways counted it: links mailed (pending), confirmed, expired, invalid, mails
     * that could not be sent, and the share confirmed; null when no gateway is configured or none could be read.
     */
    Table funnel() {
        ConfirmationFunnel funnel = report.funnel();
        if (!funnel.hasFigures()) {
            return null;
        }
        ConfirmationFunnel.Counts counts = funnel.counts();
        Double share = counts.confirmedPercent();
        List<List<String>> rows = List.of(
                List.of(texts.t("funnel.pending"), texts.number(counts.pending())),
                List.of(texts.t("funnel.confirmed"), texts.number(counts.confirmed())),
                List.of(texts.t("funnel.expired"), texts.number(counts.expired())),
                List.of(texts.t("funnel.invalid"), texts.number(counts.invalid())),
                List.of(texts.t("funnel.failed"), texts.number(counts.mailsFailed())),
                List.of(texts.t("funnel.share"), share == null ? "–" : texts.percent(share).replace("+", "")));
        return new Table(List.of(texts.t("funnel.col.step"), texts.t("col.count")), rows, null);
    }

    /**
     * Said with the funnel: without gateways only that it is not configured (and no section); else where the figures
     * come from and what they are not (counters since each gateway's last start), and each gateway not read.
     */
    List<String> funnelNotes() {
        ConfirmationFunnel funnel = report.funnel();
        if (!funnel.configured()) {
            return List.of(texts.t("funnel.none"));
        }
        List<String> notes = new ArrayList<>();
        notes.add(funnel.hasFigures() ? texts.t("funnel.note", texts.number(funnel.read().size()))
                : texts.t("funnel.nothing.read"));
        funnel.unreadable().forEach(u -> notes.add(texts.t("funnel.unreachable", u.url(), u.reason())));
        return notes;
    }

    String helpTitle() {
        return texts.t("help.title");
    }

    List<String> helpLines() {
        return texts.helpLines();
    }

    private LocalDateTime generatedAt() {
        return LocalDateTime.ofInstant(report.generatedAt(), ReportWeek.ZONE);
    }

    private static String time(LocalDateTime at) {
        return String.format("%02d:%02d", at.getHour(), at.getMinute());
    }

    private Table areaTable(Map<String, Long> counts, boolean withShare) {
        List<List<String>> rows = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> area : counts.entrySet()) {
            long count = area.getValue();
            total += count;
            List<String> row = new ArrayList<>(
                    List.of(texts.area(area.getKey()), texts.areaCount(report, area.getKey(), count)));
            if (withShare) {
                row.add(report.isHidden(area.getKey()) ? "–" : share(count));
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of(texts.t("col.area"), texts.t("col.signatures")));
        List<String> totalRow = new ArrayList<>(List.of(texts.t("total"), texts.number(total)));
        if (withShare) {
            header.add(texts.t("col.share"));
            totalRow.add(total == 0 ? "–" : share(total));
        }
        return new Table(header, rows, totalRow);
    }

    private String share(long count) {
        return report.weekNew() == 0 ? "–" : texts.percent(100.0 * count / report.weekNew()).replace("+", "");
    }
}

package be.petition.audit;

import be.petition.report.ChannelRegionCount;
import be.petition.report.DayCount;
import be.petition.report.QueryApiClient;
import be.petition.report.ReportException;
import be.petition.report.StaleCountsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit: the raw topics read to their end into a {@link Recount}, then compared with the live query API.
 *
 * <p>The live counts lag the topics (and keep moving while signatures arrive), so the rule is: compare; while some
 * cell differs and {@code audit.settle.timeout} has not passed, wait (250 ms, doubling up to 5 s), read the records
 * that arrived since into the recount, ask the API again and compare again. Equal once is equal: both sides then
 * counted the same records. At the timeout the last differences are the result. An API that says its counts are
 * stale (an instance restoring) is asked again the same way; still stale at the timeout, the audit fails.
 */
public final class Audit {
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private final AuditSettings settings;
    private final Clock clock;

    public Audit(AuditSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param progress told how far the first pass is
     * @throws AuditException when Kafka, the registry or the query API cannot be used
     */
    public AuditResult run(RawTopicReader.ProgressListener progress) {
        QueryApiClient api = api();
        // an unreachable API fails now, not after minutes of reading (stale is fine: it may catch up)
        for (String campaign : settings.campaigns()) {
            call(() -> api.channelRegionCounts(campaign));
        }
        List<String> topics = List.of(settings.callsTopic(), settings.webTopic(), settings.appTopic(),
                settings.withdrawalsTopic());
        try (RawTopicReader reader = new RawTopicReader(topics, settings.kafka())) {
            Recount recount = new Recount(settings);
            long started = System.nanoTime();
            reader.readToEnd((topic, key, value, timestamp) -> recount.accept(topic, key, value, timestamp,
                    clock.millis()), progress);
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = seconds > 0 ? recount.records() / seconds : 0;
            LOG.info("Read {} records in {} s ({} records/s)", recount.records(),
                    String.format(Locale.ROOT, "%.1f", seconds), Math.round(rate));
            Instant deadline = clock.instant().plus(settings.settleTimeout());
            Duration wait = FIRST_WAIT;
            for (int attempt = 1; ; attempt++) {
                SortedMap<Cell, Long> counts = recount.counts();
                Comparison.Live live = live(api, counts);
                List<Difference> differences = live == null ? null
                        : Comparison.differences(counts, live, settings.campaigns(), settings.campaigns().size() > 1);
                boolean late = !clock.instant().isBefore(deadline);
                if (differences != null && (differences.isEmpty() || late)) {
                    return result(recount, seconds, rate, counts, live, differences, attempt);
                }
                if (late) {
                    throw new AuditException("The query API at " + settings.apiUrl() + " kept saying its counts are"
                            + " stale (an instance down or restoring) for " + settings.settleTimeout() + ". Try again"
                            + " once every Streams instance is running.");
                }
                LOG.debug("Attempt {}: {} differences; reading on in {}", attempt,
                        differences == null ? "stale" : differences.size(), wait);
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
                reader.readToEnd((topic, key, value, timestamp) -> recount.accept(topic, key, value, timestamp,
                        clock.millis()), ProgressBar.SILENT);
            }
        }
    }

    private AuditResult result(Recount recount, double seconds, double rate, SortedMap<Cell, Long> counts,
                               Comparison.Live live, List<Difference> differences, int attempts) {
        SortedMap<String, Long> recountTotal = new TreeMap<>();
        SortedMap<String, Long> liveTotal = new TreeMap<>();
        for (String campaign : settings.campaigns()) {
            recountTotal.put(campaign, Comparison.total(counts, campaign, false));
            liveTotal.put(campaign, Comparison.total(live.counts(), campaign, false));
        }
        TreeMap<Cell, Long> union = new TreeMap<>(counts);
        union.putAll(live.counts());
        return new AuditResult(clock.instant(), recount.records(), recount.signers(), seconds, rate, union.size(),
                recountTotal, liveTotal, recount.notCounted(), differences, attempts);
    }

    /** The live counts over the recount's days and up to today; null when the API says they are stale. */
    private Comparison.Live live(QueryApiClient api, SortedMap<Cell, Long> counts) {
        LocalDate today = LocalDate.now(clock.withZone(Recount.ZONE));
        LocalDate from = today;
        LocalDate last = today;
        for (Cell cell : counts.keySet()) {
            if (cell.isDay()) {
                from = cell.day().isBefore(from) ? cell.day() : from;
                last = cell.day().isAfter(last) ? cell.day() : last;
            }
        }
        LocalDate first = from;
        LocalDate to = last.plusDays(1);
        SortedMap<Cell, Long> live = new TreeMap<>();
        for (String campaign : settings.campaigns()) {
            List<ChannelRegionCount> cells = call(() -> api.channelRegionCounts(campaign));
            List<DayCount> days = cells == null ? null : call(() -> api.dailyHistory(campaign, first, to));
            if (days == null) {
                return null;
            }
            cells.forEach(c -> live.merge(new Cell(campaign, null, upper(c.channel()), c.region()), c.count(),
                    Long::sum));
            days.forEach(d -> live.merge(new Cell(campaign, d.day(), upper(d.channel()), d.region()), d.count(),
                    Long::sum));
        }
        return new Comparison.Live(live, first, to);
    }

    private static String upper(String channel) {
        return channel.toUpperCase(Locale.ROOT);
    }

    private QueryApiClient api() {
        try {
            return new QueryApiClient(settings.apiUrl(), settings.apiTimeout());
        } catch (ReportException e) {
            throw new AuditException(e.getMessage().replace("--api", "--api (or audit.api.url)"), e);
        }
    }

    /** The API's answer; null when it says its counts are stale. */
    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (StaleCountsException e) {
            return null;
        } catch (ReportException e) {
            throw new AuditException(e.getMessage(), e);
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("Interrupted");
        }
    }
}

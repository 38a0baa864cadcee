package be.petition.live;

import be.petition.query.CountQueries;
import be.petition.query.CountRow;
import be.petition.query.CountsAnswer;
import be.petition.query.CountsQuery;
import be.petition.query.CountsUnavailable;
import be.petition.query.Grouping;
import be.petition.query.HistoryQuery;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The live page's snapshot, what live.js renders: {@code {campaign, total, byChannel, byRegion, hourly, milestones}},
 * read with the query API's own queries so the page and the API agree.
 */
public final class LiveSnapshot implements Supplier<Map<String, Object>> {
    private static final int HOURS = 48;

    private final CountQueries queries;
    private final String campaign;
    private final List<Long> milestones;
    private final Clock clock;

    public LiveSnapshot(CountQueries queries, String campaign, List<Long> milestones, Clock clock) {
        this.queries = queries;
        this.campaign = campaign;
        this.milestones = milestones;
        this.clock = clock;
    }

    /** Throws {@link CountsUnavailable} rather than give part of the counts. */
    @Override
    public Map<String, Object> get() {
        CountsAnswer channels = queries.counts(new CountsQuery(campaign, Grouping.CHANNEL));
        CountsAnswer regions = queries.counts(new CountsQuery(campaign, Grouping.REGION));
        if (channels.stale() || regions.stale()) {
            // the page keeps showing the last complete snapshot rather than a partial one
            throw new CountsUnavailable("counts are being moved between instances");
        }
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("campaign", campaign);
        snapshot.put("total", channels.counts().stream().mapToLong(CountRow::count).sum());
        snapshot.put("byChannel", channels.counts().stream().map(CountRow::json).toList());
        snapshot.put("byRegion", regions.counts().stream().map(CountRow::json).toList());
        snapshot.put("hourly", queries.history(HistoryQuery.lastHours(campaign, HOURS, clock.instant())).jsonRows());
        snapshot.put("milestones", milestones);
        return snapshot;
    }
}

package be.petition.service;

import be.petition.live.LiveHub;
import be.petition.live.LiveSnapshot;
import be.petition.metrics.CountingMetrics;
import be.petition.query.AnswerCache;
import be.petition.query.CountQueries;
import be.petition.query.CountReader;
import be.petition.query.QueryParameters;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything of one instance that reads the counts, assembled in one place from the running service and its
 * settings: the reader over every instance, the parameters and queries of the query API, its cache, the live hub and
 * the metrics bound to them. {@link QueryServer} only routes requests to these.
 */
record ReadSide(CountReader reader, QueryParameters parameters, CountQueries queries, AnswerCache cache, LiveHub live,
                CountingMetrics metrics, ObjectMapper json) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadSide.class);
    /** Frames a live client may have waiting before it is closed. */
    private static final int LIVE_QUEUED_FRAMES = 64;

    /** Starts the live hub's refreshes; {@link #close()} stops them. */
    static ReadSide assemble(CountingService service, QueryServerSettings settings, CountingMetrics metrics) {
        ObjectMapper json = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        CountReader reader = new CountReader(service.kafkaStreams(),
                HostInfo.buildFromEndpoint(service.applicationServer()), service.applicationId(),
                settings.queryRetry(), settings.remoteTimeout(), json, settings.internalSecret());
        String campaign = service.settings().defaultCampaign();
        QueryParameters parameters = new QueryParameters(service.settings().campaigns(), campaign,
                settings.maxHistoryHours(), settings.maxHistoryDays(), clock);
        CountQueries queries = new CountQueries(reader);
        AnswerCache cache = new AnswerCache(settings.cacheTtl(), json, clock);
        LiveHub live = new LiveHub(new LiveSnapshot(queries, campaign, settings.milestones(), clock), json, clock,
                settings.liveInterval(), settings.liveHeartbeat(), settings.liveMaxClients(),
                settings.liveMaxClientsPerAddress(), LIVE_QUEUED_FRAMES,
                settings.liveSlowClient(), new LiveHub.LiveListener() {
                    @Override
                    public void snapshotSent(int clients) {
                        metrics.liveSnapshotSent(clients);
                    }

                    @Override
                    public void clientDropped() {
                        metrics.liveClientDropped();
                    }
                });
        metrics.bind(service.kafkaStreams(), store -> localCounts(reader, store), live::clients);
        return new ReadSide(reader, parameters, queries, cache, live, metrics, json);
    }

    /** This instance's active part of a store, all campaigns: for the per-instance gauges. */
    private static Map<String, Long> localCounts(CountReader reader, String store) {
        Map<String, Long> counts = new TreeMap<>();
        try {
            reader.local(store, "", "\uffff", false).values()
                    .forEach(part -> part.forEach((key, count) -> counts.merge(key, count, Long::sum)));
        } catch (RuntimeException e) {
            LOG.debug("No local counts of {} now: {}", store, e.getMessage());
        }
        return counts;
    }

    /** Ends the live streams. */
    @Override
    public void close() {
        live.close();
    }
}

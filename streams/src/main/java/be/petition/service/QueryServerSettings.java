package be.petition.service;

import be.petition.config.ServiceConfig;
import be.petition.query.InternalSecret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of the query API, the live counter and /metrics ({@code streams.http.*}, {@code streams.query.*},
 * {@code streams.history.*}, {@code streams.live.*}, {@code streams.internal.secret}; documented in
 * {@code streams.properties}).
 */
public record QueryServerSettings(String host, int port, int maxConnections, int acceptQueue, Duration cacheTtl,
                           Duration queryRetry, Duration remoteTimeout, int maxHistoryHours, int maxHistoryDays,
                           Duration liveInterval, Duration liveHeartbeat, int liveMaxClients,
                           int liveMaxClientsPerAddress, Duration liveSlowClient, List<Long> milestones,
                           InternalSecret internalSecret) {
    public static final String HOST = "streams.http.host";
    public static final String PORT = "streams.http.port";
    public static final String MAX_CONNECTIONS = "streams.http.max.connections";
    public static final String ACCEPT_QUEUE = "streams.http.accept.queue";
    public static final String CACHE_TTL = "streams.http.cache.ttl";
    public static final String QUERY_RETRY = "streams.query.retry";
    public static final String REMOTE_TIMEOUT = "streams.query.remote.timeout";
    public static final String MAX_HISTORY_HOURS = "streams.history.max.hours";
    public static final String MAX_HISTORY_DAYS = "streams.history.max.days";
    public static final String LIVE_INTERVAL = "streams.live.interval";
    public static final String LIVE_HEARTBEAT = "streams.live.heartbeat";
    public static final String LIVE_MAX_CLIENTS = "streams.live.max.clients";
    public static final String LIVE_MAX_CLIENTS_PER_ADDRESS = "streams.live.max.clients.per.address";
    public static final String LIVE_SLOW_CLIENT = "streams.live.slow.client";
    public static final String MILESTONES = "streams.live.milestones";

    public static QueryServerSettings from(ServiceConfig config) {
        return new QueryServerSettings(
                config.string(HOST, "127.0.0.1"),
                integer(config, PORT, 8090),
                positive(config, MAX_CONNECTIONS, 25_000),
                positive(config, ACCEPT_QUEUE, 1024),
                duration(config, CACHE_TTL, Duration.ofMillis(250)),
                duration(config, QUERY_RETRY, Duration.ofSeconds(2)),
                duration(config, REMOTE_TIMEOUT, Duration.ofSeconds(2)),
                integer(config, MAX_HISTORY_HOURS, 92 * 24),
                integer(config, MAX_HISTORY_DAYS, 3 * 366),
                duration(config, LIVE_INTERVAL, Duration.ofMillis(250)),
                duration(config, LIVE_HEARTBEAT, Duration.ofSeconds(15)),
                integer(config, LIVE_MAX_CLIENTS, 20_000),
                integer(config, LIVE_MAX_CLIENTS_PER_ADDRESS, 20),
                duration(config, LIVE_SLOW_CLIENT, Duration.ofSeconds(30)),
                milestones(config.string(MILESTONES, "1000,5000,10000,25000,37274,50000,100000")),
                internalSecret(config));
    }

    /** The same settings listening on {@code port} (the free port picked for {@code streams.http.port=0}). */
    public QueryServerSettings withPort(int port) {
        return new QueryServerSettings(host, port, maxConnections, acceptQueue, cacheTtl, queryRetry, remoteTimeout,
                maxHistoryHours, maxHistoryDays, liveInterval, liveHeartbeat, liveMaxClients, liveMaxClientsPerAddress,
                liveSlowClient, milestones, internalSecret);
    }

    private static InternalSecret internalSecret(ServiceConfig config) {
        boolean given = !config.string(InternalSecret.SETTING, "").isBlank()
                || !config.string(InternalSecret.SETTING + ".file", "").isBlank();
        return given ? InternalSecret.of(config.secret(InternalSecret.SETTING)) : InternalSecret.none();
    }

    private static List<Long> milestones(String value) {
        List<Long> milestones = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                milestones.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Setting \"" + MILESTONES + "\" must be comma-separated whole"
                        + " numbers such as 1000,5000,10000, not \"" + value + "\"");
            }
        }
        milestones.sort(Long::compare);
        return List.copyOf(milestones);
    }

    private static int integer(ServiceConfig config, String key, int defaultValue) {
        return config.asMap().containsKey(key) ? config.integer(key) : defaultValue;
    }

    private static int positive(ServiceConfig config, String key, int defaultValue) {
        int value = integer(config, key, defaultValue);
        if (value < 1) {
            throw new IllegalArgumentException("Setting \"" + key + "\" must be at least 1, not " + value);
        }
        return value;
    }

    private static Duration duration(ServiceConfig config, String key, Duration defaultValue) {
        return config.asMap().containsKey(key) ? config.duration(key) : defaultValue;
    }
}

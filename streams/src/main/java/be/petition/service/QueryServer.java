package be.petition.service;

import be.petition.query.Answer;
import be.petition.query.AnswerCache;
import be.petition.query.BadRequest;
import be.petition.query.CountReader;
import be.petition.query.CountsUnavailable;
import be.petition.query.History;
import be.petition.query.InternalSecret;
import be.petition.query.QueryParameters.Endpoint;
import be.petition.topology.StoreNames;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a Petition Streams instance (DESIGN.md, HTTP interfaces): the query API, the live counter page and
 * its Server-Sent Events, {@code /metrics}, health, and the internal endpoint the other instances read this one's
 * partitions from (only with the shared {@link InternalSecret}). It only routes requests and writes responses; what
 * answers them is the {@link ReadSide}.
 */
final class QueryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    /** Path → classpath resource and content type of the page's files (the map is in petition-schemas' jar). */
    private static final Map<String, String[]> PAGE_FILES = Map.of(
            "/", new String[] {"public/index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"public/index.html", "text/html; charset=utf-8"},
            "/widget.html", new String[] {"public/widget.html", "text/html; charset=utf-8"},
            "/live.js", new String[] {"public/live.js", "text/javascript; charset=utf-8"},
            "/i18n.js", new String[] {"public/i18n.js", "text/javascript; charset=utf-8"},
            "/live.css", new String[] {"public/live.css", "text/css; charset=utf-8"},
            "/map/be-provinces.svg", new String[] {"map/be-provinces.svg", "image/svg+xml; charset=utf-8"});

    private final Javalin http;

    private QueryServer(Javalin http) {
        this.http = http;
    }

    /** Listens on {@code streams.http.host}:{@code streams.http.port} and answers from {@code read}. */
    static QueryServer start(ReadSide read, Supplier<KafkaStreams.State> streamsState, QueryServerSettings settings) {
        Routes routes = new Routes(read, streamsState, settings);
        Javalin http = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            // A burst of visitors after a broadcast waits in the accept queue (Java's default is 50: beyond it the
            // kernel drops SYNs, and each browser waits 1, 3, 7 s for TCP to try again) while the connections the
            // instance holds stay bounded.
            javalin.jetty.addConnector((server, httpConfig) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                connector.setAcceptQueueSize(settings.acceptQueue());
                server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
                return connector;
            });
            routes.addTo(javalin.routes);
        });
        try {
            http.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Petition Streams cannot listen on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage() + ". Is the port taken? Set " + QueryServerSettings.PORT
                    + " (and " + QueryServerSettings.HOST + ") to a free one.", e);
        }
        LOG.info("Query API, live page and /metrics at http://{}:{}", settings.host(), http.port());
        return new QueryServer(http);
    }

    @Override
    public void close() {
        http.stop();
    }

    /** A caller that may not use an endpoint: {@code status} with {@code {"error": message}}. */
    private static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static final class Routes {
        private final ReadSide read;
        private final Supplier<KafkaStreams.State> streamsState;
        private final ExpositionFormats formats = ExpositionFormats.init();
        private final Map<String, byte[]> pageFiles = new TreeMap<>();
        private final String cacheControl;
        private final InternalSecret internalSecret;

        Routes(ReadSide read, Supplier<KafkaStreams.State> streamsState, QueryServerSettings settings) {
            this.read = read;
            this.internalSecret = settings.internalSecret();
            this.streamsState = streamsState;
            this.cacheControl = "public, max-age=" + Math.max(1, settings.cacheTtl().toSeconds());
            PAGE_FILES.forEach((path, file) -> pageFiles.put(path, resource(file[0])));
        }

        void addTo(RoutesConfig routes) {
            // parsed inside the cached computation: a request the cache answers is not parsed again
            routes.get("/api/v1/total", ctx -> json(ctx, Endpoint.TOTAL,
                    () -> read.queries().total(read.parameters().campaign(ctx::queryParam))));
            routes.get("/api/v1/counts", ctx -> json(ctx, Endpoint.COUNTS,
                    () -> read.queries().counts(read.parameters().counts(ctx::queryParam))));
            routes.get("/api/v1/history", this::history);
            routes.get("/api/v1/stats", ctx -> json(ctx, Endpoint.STATS,
                    () -> read.queries().stats(read.parameters().campaign(ctx::queryParam))));
            routes.get("/api/v1/live", read.live()::connect);
            routes.get(CountReader.LOCAL_PATH, this::localPart);
            routes.get(CountReader.KEY_PATH, this::localKey);
            routes.get("/metrics", this::scrape);
            routes.get("/health/live", ctx -> ctx.json(Map.of("status", "live")));
            routes.get("/health/ready", ctx -> {
                KafkaStreams.State state = streamsState.get();
                ctx.status(state == KafkaStreams.State.RUNNING ? 200 : 503)
                        .json(Map.of("status", state == KafkaStreams.State.RUNNING ? "ready" : "not ready",
                                "streams", state.name()));
            });
            PAGE_FILES.forEach((path, file) -> routes.get(path, ctx -> ctx.contentType(file[1])
                    .header("Cache-Control", "public, max-age=60").result(pageFiles.get(path))));
            routes.exception(BadRequest.class, (e, ctx) -> ctx.status(400)
                    .json(Map.of("error", e.getMessage(), "fields", e.fields())));
            routes.exception(Refused.class, (e, ctx) -> {
                if (e.status == 401) {
                    ctx.header("WWW-Authenticate", "Bearer realm=\"petition-internal\"");
                }
                ctx.status(e.status).json(Map.of("error", e.getMessage()));
            });
            routes.exception(CountsUnavailable.class, (e, ctx) -> {
                LOG.info("Counts unavailable for {}: {}", ctx.path(), e.getMessage());
                ctx.status(503).header("Retry-After", "2").json(Map.of("error",
                        "The counts are being moved between instances; try again in a few seconds"));
            });
            routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).json(Map.of("error", "Internal error; the log of this instance says more"));
            });
        }

        private void json(Context ctx, Endpoint endpoint, Supplier<? extends Answer> query) {
            endpoint.check(ctx.queryParamMap());
            checkFormat(ctx, false);
            send(ctx, read.cache().json(cacheKey(ctx, false), query), false);
        }

        private void history(Context ctx) {
            Endpoint.HISTORY.check(ctx.queryParamMap());
            checkFormat(ctx, true);
            Supplier<History> query = () -> read.queries().history(read.parameters().history(ctx::queryParam));
            boolean csv = wantsCsv(ctx);
            String key = cacheKey(ctx, csv);
            send(ctx, csv ? read.cache().csv(key, query) : read.cache().json(key, query), csv);
        }

        private static void checkFormat(Context ctx, boolean csvToo) {
            String format = ctx.queryParam("format");
            if (format != null && !format.equalsIgnoreCase("json") && !(csvToo && format.equalsIgnoreCase("csv"))) {
                throw new BadRequest("Unknown format", "format", "\"" + format + "\" is not one of json"
                        + (csvToo ? ", csv" : ""));
            }
        }

        private void send(Context ctx, AnswerCache.Rendered answer, boolean csv) {
            ctx.header("ETag", answer.etag()).header("Cache-Control", cacheControl).header("Vary", "Accept");
            if (csv) {
                ctx.header("Content-Disposition", "inline; filename=\"petition-history.csv\"");
            }
            String ifNoneMatch = ctx.header("If-None-Match");
            if (ifNoneMatch != null && List.of(ifNoneMatch.split("\\s*,\\s*")).contains(answer.etag())) {
                ctx.status(304);
                return;
            }
            ctx.contentType(answer.contentType()).result(answer.body());
        }

        private static boolean wantsCsv(Context ctx) {
            String format = ctx.queryParam("format");
            if (format != null) {
                return format.equalsIgnoreCase("csv");
            }
            String accept = ctx.header("Accept");
            return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
        }

        private static String cacheKey(Context ctx, boolean csv) {
            StringBuilder key = new StringBuilder(ctx.path()).append(csv ? "#csv" : "#json");
            new TreeMap<>(ctx.queryParamMap()).forEach((name, values) -> key.append('&').append(name).append('=')
                    .append(String.join(",", values)));
            return key.toString();
        }

        /** {@code /internal/v1/local}: this instance's partitions of a store range, for the other instances. */
        private void localPart(Context ctx) throws IOException {
            checkInternalCaller(ctx);
            Endpoint.INTERNAL_LOCAL.check(ctx.queryParamMap());
            String store = ctx.queryParam("store");
            if (store == null || !StoreNames.COUNT_STORES.contains(store)) {
                throw new BadRequest("Unknown store", "store", "one of " + StoreNames.COUNT_STORES);
            }
            String from = ctx.queryParam("from");
            String to = ctx.queryParam("to");
            if (from == null || to == null) {
                throw new BadRequest("Missing range", from == null ? "from" : "to", "required");
            }
            boolean stale = Boolean.parseBoolean(ctx.queryParam("stale"));
            ctx.contentType("application/json")
                    .result(read.json().writeValueAsBytes(read.reader().local(store, from, to, stale)));
        }

        /** {@code /internal/v1/key}: one count of one of this instance's partitions, for the other instances. */
        private void localKey(Context ctx) {
            checkInternalCaller(ctx);
            Endpoint.INTERNAL_KEY.check(ctx.queryParamMap());
            String store = ctx.queryParam("store");
            if (store == null || !StoreNames.COUNT_STORES.contains(store)) {
                throw new BadRequest("Unknown store", "store", "one of " + StoreNames.COUNT_STORES);
            }
            String key = ctx.queryParam("key");
            if (key == null) {
                throw new BadRequest("Missing key", "key", "required");
            }
            int partition;
            try {
                partition = Integer.parseInt(String.valueOf(ctx.queryParam("partition")));
            } catch (NumberFormatException e) {
                throw new BadRequest("Bad partition", "partition", "a partition number is required");
            }
            if (partition < 0) {
                throw new BadRequest("Bad partition", "partition", "a partition number is 0 or more");
            }
            boolean stale = Boolean.parseBoolean(ctx.queryParam("stale"));
            ctx.json(Map.of("count", read.reader().local(store, key, partition, stale)));
        }

        /** Only the other instances, which send the shared secret, read store ranges: 401 without it, 403 wrong. */
        private void checkInternalCaller(Context ctx) {
            if (!internalSecret.isSet()) {
                throw new Refused(403, "Internal reads are off on this instance: " + InternalSecret.SETTING
                        + " is not set");
            }
            String presented = ctx.header(InternalSecret.HEADER);
            if (presented == null) {
                throw new Refused(401, "Internal endpoint: the instances' shared secret is required");
            }
            if (!internalSecret.matches(presented)) {
                LOG.debug("Refused an internal read from {}: wrong secret", ctx.ip());
                throw new Refused(403, "Internal endpoint: wrong secret");
            }
        }

        private void scrape(Context ctx) throws IOException {
            ExpositionFormatWriter writer = formats.findWriter(ctx.header("Accept"));
            ByteArrayOutputStream out = new ByteArrayOutputStream(32_768);
            writer.write(out, read.metrics().registry().scrape());
            ctx.contentType(writer.getContentType()).result(out.toByteArray());
        }

        private static byte[] resource(String name) {
            try (InputStream in = QueryServer.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("The live page's file " + name + " is missing from the jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

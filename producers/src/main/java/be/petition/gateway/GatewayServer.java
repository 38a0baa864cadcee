package be.petition.gateway;

import be.petition.config.ServiceConfig;
import be.petition.identity.SignerKey;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingestion gateway: signatures from the web form, the app and the telephony provider, and withdrawals, over
 * HTTP into Kafka. A request is answered {@code 202} only once Kafka acknowledged its record; handlers never hold
 * a thread while they wait. Bad input gets a 4xx saying which field and why; Kafka trouble gets a 503 with
 * Retry-After, so clients try again and no signature is lost.
 */
public final class GatewayServer implements AutoCloseable {
    public static final String DEFAULTS = "gateway.properties";
    public static final String HOST = "gateway.host";
    public static final String PORT = "gateway.port";
    public static final String CAMPAIGN = "gateway.campaign";
    public static final String OTHER_CAMPAIGNS = "gateway.campaigns.other";
    public static final String MAX_BODY_BYTES = "gateway.max.body.bytes";
    public static final String MAX_IN_FLIGHT = "gateway.max.in.flight";
    public static final String RETRY_AFTER = "gateway.retry.after.seconds";
    public static final String TRUSTED_PROXIES = "gateway.trusted.proxies";
    public static final String LIMITS_ENABLED = "gateway.limits.enabled";
    public static final String LIMITS_RATE = "gateway.limits.per.ip.rate";
    public static final String LIMITS_BURST = "gateway.limits.per.ip.burst";
    public static final String HEALTH_INTERVAL = "gateway.health.interval";
    public static final String APP_API_KEY = "app.api.key";
    public static final String TELEPHONY_TOKEN = "telephony.token";
    public static final String TELEPHONY_PUBLIC_URL = "telephony.public.url";
    public static final String TELEPHONY_STORY_URL = "telephony.story.url";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final long DRAIN_LIMIT_BYTES = 1024 * 1024;
    /** Always three digits of milliseconds (ISO_INSTANT drops a zero fraction). */
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private final Javalin http;
    private final Publisher publisher;
    private final KafkaHealth health;
    private final GatewayMetrics metrics;
    private final String host;
    private final Routes routes;

    private GatewayServer(Javalin http, Publisher publisher, KafkaHealth health, Routes routes, String host) {
        this.http = http;
        this.routes = routes;
        this.publisher = publisher;
        this.health = health;
        this.metrics = routes.metrics;
        this.host = host;
    }

    /** Starts the gateway from {@code gateway.properties}-style settings; port 0 picks a free one. */
    public static GatewayServer start(ServiceConfig config) {
        SignerKey signerKeys = SignerKey.fromConfig(config);
        String appApiKey = config.secret(APP_API_KEY);
        String telephonyToken = config.string(TELEPHONY_TOKEN, null);
        if (telephonyToken == null && config.string(TELEPHONY_TOKEN + ".file", null) != null) {
            telephonyToken = config.secret(TELEPHONY_TOKEN);
        }
        String campaign = config.string(CAMPAIGN);
        Set<String> campaigns = new LinkedHashSet<>();
        campaigns.add(campaign);
        campaigns.addAll(list(config.string(OTHER_CAMPAIGNS, "")));
        Intake intake = new Intake(signerKeys, campaign, campaigns, System::currentTimeMillis);
        RateLimiter limiter = config.bool(LIMITS_ENABLED) ? new RateLimiter(rate(config), config.integer(LIMITS_BURST)) : null;
        String host = config.string(HOST);
        int port = config.integer(PORT);
        long deliveryTimeout = Long.parseLong(String.valueOf(config.kafka().getOrDefault("delivery.timeout.ms", "120000")));
        Duration healthInterval = config.duration(HEALTH_INTERVAL);
        Publisher publisher = Publisher.fromConfig(config, "petition-gateway");
        KafkaHealth health = new KafkaHealth(config, healthInterval);
        Routes routes = new Routes(intake, publisher, health, healthInterval, new GatewayMetrics(), limiter,
                new ClientAddress(new LinkedHashSet<>(list(config.string(TRUSTED_PROXIES, "")))), appApiKey,
                telephonyToken == null ? null : new TwilioSignature(telephonyToken),
                config.string(TELEPHONY_PUBLIC_URL, null), config.string(TELEPHONY_STORY_URL, null),
                config.integer(MAX_BODY_BYTES), config.integer(MAX_IN_FLIGHT), config.integer(RETRY_AFTER));
        Javalin http = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.http.maxRequestSize = config.integer(MAX_BODY_BYTES);
            // Kafka answers within delivery.timeout.ms; a request still open well after that gets a 503.
            javalin.http.asyncTimeout = deliveryTimeout + 5_000;
            javalin.jetty.timeoutStatus = 503;
            javalin.jetty.host = host;
            javalin.jetty.port = port;
            routes.addTo(javalin.routes);
        });
        try {
            http.start();
        } catch (RuntimeException e) {
            health.close();
            publisher.close();
            routes.close();
            throw new IllegalStateException("The gateway cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + ". Is the port taken? Set " + PORT + " to another one.", e);
        }
        GatewayServer server = new GatewayServer(http, publisher, health, routes, host);
        LOG.info("Gateway listening at {} (campaign {}, per-IP limits {}, telephony signature {})", server.url(),
                campaign, limiter == null ? "off" : "on", telephonyToken == null ? "not checked" : "checked");
        return server;
    }

    private static double rate(ServiceConfig config) {
        String value = config.string(LIMITS_RATE);
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting \"" + LIMITS_RATE + "\" must be requests per second, e.g. 2"
                    + " or 0.5, not \"" + value + "\"");
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.port();
    }

    public int port() {
        return http.port();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        try {
            http.stop();
        } finally {
            try {
                health.close();
            } finally {
                publisher.close();
                routes.close();
            }
        }
    }

    /** The endpoints; one instance per server. */
    private static final class Routes {
        private final Intake intake;
        private final GatewayMetrics metrics;
        private final RateLimiter limiter;
        private final ClientAddress clientAddress;
        private final String appApiKey;
        private final TwilioSignature telephonySignature;
        private final String telephonyPublicUrl;
        private final String storyUrl;
        private final int maxBodyBytes;
        private final int maxInFlight;
        private final int retryAfterSeconds;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final ExpositionFormats formats = ExpositionFormats.init();
        /** Answers are written here, not on the Kafka producer's I/O thread that completes the send. */
        private final ExecutorService responders = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("gateway-respond"));
        private final AtomicLong lastKafkaWarning = new AtomicLong();
        private final Publisher publisher;
        private final KafkaHealth health;
        private final long healthInterval;
        /** When Kafka last acknowledged a record (starts at creation, so the first checks get a chance). */
        private volatile long lastAcknowledged = System.nanoTime();

        Routes(Intake intake, Publisher publisher, KafkaHealth health, Duration healthInterval, GatewayMetrics metrics,
               RateLimiter limiter, ClientAddress clientAddress, String appApiKey, TwilioSignature telephonySignature,
               String telephonyPublicUrl, String storyUrl, int maxBodyBytes, int maxInFlight, int retryAfterSeconds) {
            this.intake = intake;
            this.publisher = publisher;
            this.health = health;
            this.healthInterval = healthInterval.toNanos();
            this.metrics = metrics;
            this.limiter = limiter;
            this.clientAddress = clientAddress;
            this.appApiKey = appApiKey;
            this.telephonySignature = telephonySignature;
            this.telephonyPublicUrl = telephonyPublicUrl == null ? null : stripSlash(telephonyPublicUrl);
            this.storyUrl = storyUrl;
            this.maxBodyBytes = maxBodyBytes;
            this.maxInFlight = maxInFlight;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        void addTo(RoutesConfig routes) {
            routes.post("/v1/signatures/web", ctx -> json(ctx, Endpoint.WEB, intake::web));
            routes.post("/v1/signatures/app", ctx -> json(ctx, Endpoint.APP, intake::app));
            routes.post("/v1/withdrawals", ctx -> json(ctx, Endpoint.WITHDRAWAL, intake::withdrawal));
            routes.post("/v1/telephony/calls", this::callStatus);
            routes.post("/v1/telephony/voice", this::voice);
            routes.get("/metrics", this::scrape);
            routes.get("/health/live", ctx -> respond(ctx, 200, Map.of("status", "live")));
            routes.get("/health/ready", ctx -> {
                if (health.reachable()) {
                    respond(ctx, 200, Map.of("status", "ready"));
                } else {
                    respond(ctx, 503, Map.of("status", "unavailable", "kafka", "unreachable"));
                }
            });
            routes.exception(RejectedRequest.class, (e, ctx) -> reject(ctx, e));
            routes.exception(HttpResponseException.class, (e, ctx) -> {
                int status = e.getStatus();
                reject(ctx, new RejectedRequest(status, status == 413 ? "too_large" : "http_" + status,
                        status == 413 ? "The body is larger than " + maxBodyBytes + " bytes" : e.getMessage()));
            });
            routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                respond(ctx, 500, Map.of("error", "Internal error; it has been logged"));
            });
        }

        private void json(Context ctx, Endpoint endpoint, Function<byte[], Prepared> prepare) {
            ctx.attribute("endpoint", endpoint);
            limit(ctx);
            if (endpoint == Endpoint.APP) {
                String key = ctx.header("X-Api-Key");
                if (key == null || key.isBlank()) {
                    throw new RejectedRequest(401, "missing_api_key", "The X-Api-Key header is missing",
                            Map.of("X-Api-Key", "is missing"));
                }
                if (!java.security.MessageDigest.isEqual(key.trim().getBytes(StandardCharsets.UTF_8),
                        appApiKey.getBytes(StandardCharsets.UTF_8))) {
                    throw new RejectedRequest(403, "bad_api_key", "The X-Api-Key is not valid",
                            Map.of("X-Api-Key", "is not valid"));
                }
            }
            requireContentType(ctx, JSON_TYPE);
            publish(ctx, prepare.apply(body(ctx)));
        }

        private void callStatus(Context ctx) {
            ctx.attribute("endpoint", Endpoint.CALL);
            Map<String, List<String>> form = verifiedForm(ctx);
            Map<String, String> fields = new LinkedHashMap<>();
            form.forEach((name, values) -> fields.put(name, values.get(0)));
            publish(ctx, intake.call(fields));
        }

        /** The voice webhook: the caller hears the story; the signature is recorded from the status callback. */
        private void voice(Context ctx) {
            ctx.attribute("endpoint", Endpoint.CALL);
            verifiedForm(ctx);
            String twiml = storyUrl == null
                    ? "<Say language=\"nl-BE\">Bedankt om Glenn te bellen.</Say><Say language=\"fr-BE\">Merci d'appeler Glenn.</Say>"
                    : "<Play>" + xml(storyUrl) + "</Play>";
            ctx.status(200).contentType("text/xml; charset=utf-8")
                    .result("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + twiml + "</Response>");
        }

        private Map<String, List<String>> verifiedForm(Context ctx) {
            requireContentType(ctx, FORM_TYPE);
            Map<String, List<String>> form = form(body(ctx));
            if (telephonySignature != null) {
                String signature = ctx.header("X-Twilio-Signature");
                if (signature == null || signature.isBlank()) {
                    throw new RejectedRequest(401, "missing_signature", "The X-Twilio-Signature header is missing",
                            Map.of("X-Twilio-Signature", "is missing"));
                }
                if (!telephonySignature.verify(requestUrl(ctx), form, signature)) {
                    throw new RejectedRequest(403, "bad_signature", "The X-Twilio-Signature does not match this"
                            + " request (is telephony.public.url the URL the provider calls?)",
                            Map.of("X-Twilio-Signature", "does not match"));
                }
            }
            return form;
        }

        /** The URL the provider signed: the public one when the gateway sits behind a proxy. */
        private String requestUrl(Context ctx) {
            if (telephonyPublicUrl == null) {
                return ctx.fullUrl();
            }
            String query = ctx.queryString();
            return telephonyPublicUrl + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
        }

        private void publish(Context ctx, Prepared prepared) {
            Endpoint endpoint = prepared.endpoint();
            long now = System.nanoTime();
            if (!health.reachable() && now - lastAcknowledged > 2 * healthInterval) {
                // Kafka is down for a while: answer at once instead of holding a thread in send() for max.block.ms.
                throw new RejectedRequest(503, "kafka_unavailable",
                        "The signature could not be stored right now; try again shortly");
            }
            if (inFlight.incrementAndGet() > maxInFlight) {
                inFlight.decrementAndGet();
                throw new RejectedRequest(503, "overloaded", "The gateway is busy; try again shortly");
            }
            metrics.inFlight.inc();
            long started = System.nanoTime();
            ctx.future(() -> publisher.send(prepared).handleAsync((RecordMetadata metadata, Throwable error) -> {
                inFlight.decrementAndGet();
                metrics.inFlight.dec();
                if (error == null) {
                    lastAcknowledged = System.nanoTime();
                    metrics.produceLatency.labelValues(endpoint.label())
                            .observe((System.nanoTime() - started) / 1e9);
                    metrics.signatures.labelValues(endpoint.label(), prepared.outcome()).inc();
                    metrics.requests.labelValues(endpoint.label(), "accepted").inc();
                    respond(ctx, 202, accepted(prepared));
                } else {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    long failedAt = System.nanoTime();
                    long last = lastKafkaWarning.get();
                    // One line per 10 s is enough during an outage that fails every request.
                    if (failedAt - last > 10_000_000_000L && lastKafkaWarning.compareAndSet(last, failedAt)) {
                        LOG.warn("Kafka did not take a {} record (answering 503): {}", endpoint.label(), cause.toString());
                    }
                    reject(ctx, new RejectedRequest(503, "kafka_unavailable",
                            "The signature could not be stored right now; try again shortly"));
                }
                return null;
            }, responders));
        }

        /** What a 202 says: the record's event id and event time (UTC, milliseconds), so a client can match it. */
        private static Map<String, Object> accepted(Prepared prepared) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("eventId", prepared.eventId());
            body.put("eventTime", EVENT_TIME.format(Instant.ofEpochMilli(prepared.eventTime())));
            return body;
        }

        private void limit(Context ctx) {
            if (limiter == null) {
                return;
            }
            String client = clientAddress.of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
            long wait = limiter.acquire(client, System.nanoTime());
            if (wait > 0) {
                ctx.header("Retry-After", Long.toString(wait));
                throw new RejectedRequest(429, "rate_limited", "Too many requests from this address; try again in "
                        + wait + " s");
            }
        }

        private static void requireContentType(Context ctx, String expected) {
            String type = ctx.header("Content-Type");
            String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!media.equals(expected)) {
                throw new RejectedRequest(415, "unsupported_media_type", "The body must be " + expected,
                        Map.of("Content-Type", "must be " + expected));
            }
        }

        private byte[] body(Context ctx) {
            try (InputStream in = ctx.req().getInputStream()) {
                if (ctx.req().getContentLengthLong() > maxBodyBytes) {
                    throw tooLarge(in);
                }
                byte[] body = in.readNBytes(maxBodyBytes + 1);
                if (body.length > maxBodyBytes) {
                    throw tooLarge(in);
                }
                return body;
            } catch (IOException e) {
                throw new RejectedRequest(400, "unreadable_body", "The body could not be read");
            }
        }

        /**
         * Reads and drops what the client is still sending (at most {@value #DRAIN_LIMIT_BYTES} bytes) before the 413:
         * a connection closed with unread bytes is reset, and the client may then lose the answer (seen in GatewayIT).
         */
        private RejectedRequest tooLarge(InputStream in) throws IOException {
            byte[] buffer = new byte[8192];
            long left = DRAIN_LIMIT_BYTES;
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= read;
            }
            return tooLarge();
        }

        private RejectedRequest tooLarge() {
            return new RejectedRequest(413, "too_large", "The body is larger than " + maxBodyBytes + " bytes");
        }

        private static Map<String, List<String>> form(byte[] body) {
            Map<String, List<String>> form = new LinkedHashMap<>();
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return form;
            }
            try {
                for (String pair : text.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    form.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            } catch (IllegalArgumentException e) {
                throw new RejectedRequest(400, "malformed_form", "The form body is not valid URL encoding");
            }
            return form;
        }

        private void scrape(Context ctx) throws IOException {
            ExpositionFormatWriter writer = formats.findWriter(ctx.header("Accept"));
            ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
            writer.write(out, metrics.registry.scrape());
            ctx.contentType(writer.getContentType()).result(out.toByteArray());
        }

        private void reject(Context ctx, RejectedRequest e) {
            Endpoint endpoint = ctx.attribute("endpoint");
            if (endpoint != null) {
                String outcome = switch (e.status()) {
                    case 401, 403 -> "unauthorized";
                    case 429 -> "limited";
                    case 503 -> "unavailable";
                    default -> "rejected";
                };
                metrics.requests.labelValues(endpoint.label(), outcome).inc();
                if (outcome.equals("rejected") || outcome.equals("unauthorized")) {
                    metrics.rejectedInput.labelValues(endpoint.label(), e.reason()).inc();
                }
            }
            if (e.status() == 503) {
                ctx.header("Retry-After", Integer.toString(retryAfterSeconds));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            body.put("fields", e.fields());
            respond(ctx, e.status(), body);
        }

        private static void respond(Context ctx, int status, Object body) {
            try {
                ctx.status(status).contentType(JSON_TYPE).result(JSON.writeValueAsBytes(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write a response body", e);
            }
        }

        private static ThreadFactory daemon(String name) {
            return runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            };
        }

        void close() {
            responders.shutdown();
        }

        private static String stripSlash(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        private static String xml(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}

package be.petition.gateway;

import be.petition.config.ServiceConfig;
import be.petition.identity.SignerKey;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingestion gateway: signatures from the web form, the app and the telephony provider, and withdrawals, over
 * HTTP into Kafka. This class holds the settings, the route table and the lifecycle; each check and answer is a
 * class of its own. Bad input gets a 4xx saying which field and why; Kafka trouble gets a 503 with Retry-After.
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
    public static final String KAFKA_ANSWER_TIMEOUT = "gateway.kafka.answer.timeout";
    public static final String HTTP_THREADS = "gateway.http.threads";
    public static final String HTTP_IDLE_TIMEOUT = "gateway.http.idle.timeout";
    public static final String HTTP_MIN_REQUEST_DATA_RATE = "gateway.http.min.request.data.rate";
    public static final String HTTP_MAX_CONNECTIONS = "gateway.http.max.connections";
    public static final String HTTP_ACCEPT_QUEUE = "gateway.http.accept.queue";
    public static final String APP_API_KEY = "app.api.key";
    public static final String TELEPHONY_TOKEN = "telephony.token";
    public static final String TELEPHONY_UNSIGNED = "telephony.unsigned";
    public static final String TELEPHONY_PUBLIC_URL = "telephony.public.url";
    public static final String TELEPHONY_STORY_URL = "telephony.story.url";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final Intake intake;
    private final PerIpLimit perIpLimit;
    private final AppApiKey appApiKey;
    private final AppInstalls appInstalls;
    private final RequestBodies bodies;
    private final TelephonyWebhook telephony;
    private final MenuChoice menuChoice;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final Responses responses;
    private final Publisher publisher;
    private final KafkaHealth health;
    private final RegistryHealth registryHealth;
    private final KafkaHandoff handoff;
    private final HealthRoutes healthRoutes;
    private final Confirmations confirmations;
    private final String host;
    private final Javalin http;

    /** Reads every setting before it opens a Kafka client, so a bad one leaves nothing running. */
    private GatewayServer(ServiceConfig config) {
        SignerKey signerKeys = SignerKey.fromConfig(config);
        this.appApiKey = new AppApiKey(config.secret(APP_API_KEY));
        ConfirmationToken confirmationTokens = ConfirmationToken.fromConfig(config);
        this.appInstalls = new AppInstalls(InstallSecrets.fromConfig(config), metrics);
        CallMenu callMenu = CallMenu.fromConfig(config);
        TwilioSignature telephonySignature = telephonySignature(config);
        String campaign = config.string(CAMPAIGN);
        Set<String> campaigns = new LinkedHashSet<>();
        campaigns.add(campaign);
        campaigns.addAll(list(config.string(OTHER_CAMPAIGNS, "")));
        this.intake = new Intake(signerKeys, campaign, campaigns, System::currentTimeMillis);
        this.perIpLimit = config.bool(LIMITS_ENABLED)
                ? new PerIpLimit(new RateLimiter(rate(config), config.integer(LIMITS_BURST)),
                        new ClientAddress(new LinkedHashSet<>(list(config.string(TRUSTED_PROXIES, "")))))
                : PerIpLimit.OFF;
        this.host = config.string(HOST);
        int port = config.integer(PORT);
        long deliveryTimeout = Long.parseLong(String.valueOf(config.kafka().getOrDefault("delivery.timeout.ms", "120000")));
        Duration healthInterval = config.duration(HEALTH_INTERVAL);
        int maxBodyBytes = config.integer(MAX_BODY_BYTES);
        int maxInFlight = config.integer(MAX_IN_FLIGHT);
        int threads = config.integer(HTTP_THREADS);
        long idleTimeout = config.duration(HTTP_IDLE_TIMEOUT).toMillis();
        long minRequestDataRate = config.longValue(HTTP_MIN_REQUEST_DATA_RATE);
        int maxConnections = config.integer(HTTP_MAX_CONNECTIONS);
        int acceptQueue = config.integer(HTTP_ACCEPT_QUEUE);
        this.bodies = new RequestBodies(maxBodyBytes);
        this.responses = new Responses(metrics, config.integer(RETRY_AFTER));
        this.telephony = new TelephonyWebhook(bodies, telephonySignature, config.string(TELEPHONY_PUBLIC_URL, null),
                config.string(TELEPHONY_STORY_URL, null), callMenu);
        ConfirmationMetrics confirmationMetrics = new ConfirmationMetrics(metrics);
        ConfirmationMailer mailer = ConfirmationMailer.fromConfig(config, confirmationMetrics);

        this.publisher = Publisher.fromConfig(config, "petition-gateway");
        this.health = new KafkaHealth(config, healthInterval);
        this.registryHealth = new RegistryHealth(config, healthInterval);
        this.handoff = new KafkaHandoff(publisher, health, responses, metrics, maxInFlight,
                config.duration(KAFKA_ANSWER_TIMEOUT));
        this.menuChoice = new MenuChoice(intake, handoff, callMenu, metrics);
        this.healthRoutes = new HealthRoutes(health, registryHealth, metrics);
        this.confirmations = new Confirmations(intake, confirmationTokens, mailer, handoff, bodies, responses, metrics,
                confirmationMetrics, Confirmations.publicUrl(config, this::url), System::currentTimeMillis);
        this.http = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.http.maxRequestSize = maxBodyBytes;
            // Kafka answers within delivery.timeout.ms; a request still open well after that gets a 503.
            javalin.http.asyncTimeout = deliveryTimeout + 5_000;
            javalin.jetty.timeoutStatus = 503;
            // Slow clients: a body read blocks a request thread, so a client trickling bytes is cut (408) below the
            // minimum rate, a silent connection after the idle timeout, and connections beyond the limit wait.
            javalin.jetty.threadPool = new QueuedThreadPool(threads, Math.min(8, threads), 60_000);
            javalin.jetty.modifyHttpConfiguration(http -> {
                http.setMinRequestDataRate(minRequestDataRate);
                http.setIdleTimeout(idleTimeout);
            });
            javalin.jetty.addConnector((server, httpConfig) -> {
                ServerConnector connector = new ServerConnector(server,
                        new HttpConnectionFactory(httpConfig));
                connector.setHost(host);
                connector.setPort(port);
                connector.setIdleTimeout(idleTimeout);
                connector.setAcceptQueueSize(acceptQueue);
                server.addBean(new NetworkConnectionLimit(maxConnections, connector));
                return connector;
            });
            addRoutes(javalin.routes);
        });
    }

    /** Starts the gateway from {@code gateway.properties}-style settings; port 0 picks a free one. */
    public static GatewayServer start(ServiceConfig config) {
        GatewayServer server = new GatewayServer(config);
        try {
            server.http.start();
        } catch (RuntimeException e) {
            server.closeKafkaSide();
            throw new IllegalStateException("The gateway cannot listen on " + server.host + ":" + config.integer(PORT)
                    + ": " + e.getMessage() + ". Is the port taken? Set " + PORT + " to another one.", e);
        }
        LOG.info("Gateway listening at {} (campaign {}, per-IP limits {}, telephony signature {})", server.url(),
                config.string(CAMPAIGN), server.perIpLimit.on() ? "on" : "off",
                server.telephony.checksSignatures() ? "checked" : "NOT CHECKED");
        return server;
    }

    private void addRoutes(RoutesConfig routes) {
        routes.post("/v1/signatures/web", ctx -> {
            Responses.countAs(ctx, Endpoint.WEB);
            perIpLimit.check(ctx);
            confirmations.web(ctx);
        });
        routes.post("/v1/signatures/app", ctx -> fromJson(ctx, Endpoint.APP, intake::app));
        routes.post("/v1/withdrawals", ctx -> {
            Responses.countAs(ctx, Endpoint.WITHDRAWAL);
            perIpLimit.check(ctx);
            byte[] body = bodies.json(ctx);
            PendingConfirmation byEmail = confirmations.withdrawalByEmail(body);
            if (byEmail != null) {
                confirmations.pending(ctx, Endpoint.WITHDRAWAL, byEmail);
            } else {
                appInstalls.requireSecret(ctx, Endpoint.WITHDRAWAL, body);
                handoff.publish(ctx, intake.withdrawal(body));
            }
        });
        routes.get(Confirmations.PATH, confirmations::page);
        routes.post(Confirmations.PATH, confirmations::confirm);
        routes.post("/v1/telephony/calls", ctx -> {
            Responses.countAs(ctx, Endpoint.CALL);
            handoff.publish(ctx, intake.call(telephony.fields(ctx)));
        });
        routes.post("/v1/telephony/voice", ctx -> {
            Responses.countAs(ctx, Endpoint.CALL);
            telephony.voice(ctx);
        });
        routes.post(TelephonyWebhook.MENU_PATH, ctx -> {
            Responses.countAs(ctx, Endpoint.CALL);
            menuChoice.answer(ctx, telephony.fields(ctx));
        });
        routes.post("/v1/app/installs", ctx -> {
            Responses.countAs(ctx, Endpoint.INSTALL);
            perIpLimit.check(ctx);
            appApiKey.check(ctx);
            appInstalls.issue(ctx);
        });
        routes.get("/metrics", healthRoutes::metrics);
        routes.get("/health/live", healthRoutes::live);
        routes.get("/health/ready", healthRoutes::ready);
        routes.exception(RejectedRequest.class, (e, ctx) -> responses.reject(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            responses.reject(ctx, status == 413 ? bodies.tooLarge()
                    : new RejectedRequest(status, "http_" + status, e.getMessage()));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            Responses.json(ctx, 500, Map.of("error", "Internal error; it has been logged"));
        });
    }

    /**
     * Web, app and withdrawals: per-IP limits apply here (and to app installs), never to the telephony provider.
     * An install proves itself with its secret before its body is read for a record.
     */
    private void fromJson(Context ctx, Endpoint endpoint, Function<byte[], Prepared> prepare) {
        Responses.countAs(ctx, endpoint);
        perIpLimit.check(ctx);
        if (endpoint == Endpoint.APP) {
            appApiKey.check(ctx);
        }
        byte[] body = bodies.json(ctx);
        appInstalls.requireSecret(ctx, endpoint, body);
        handoff.publish(ctx, prepare.apply(body));
    }

    /**
     * The provider's signature check. Without a token anyone could post calls and menu choices (and withdraw any
     * caller's signature), so the gateway refuses to start unless {@value #TELEPHONY_UNSIGNED} says so; then null.
     */
    private static TwilioSignature telephonySignature(ServiceConfig config) {
        String token = config.string(TELEPHONY_TOKEN, null);
        if (token == null && config.string(TELEPHONY_TOKEN + ".file", null) != null) {
            token = config.secret(TELEPHONY_TOKEN);
        }
        if (token != null) {
            return new TwilioSignature(token);
        }
        if (!config.bool(TELEPHONY_UNSIGNED)) {
            throw new IllegalArgumentException("No telephony token: set " + ServiceConfig.envName(TELEPHONY_TOKEN)
                    + " (or " + ServiceConfig.envName(TELEPHONY_TOKEN + ".file") + ") to the provider's auth token, so"
                    + " that only the provider can post calls and call-menu choices. To run the telephony webhooks"
                    + " unsigned anyway (a test, a closed network), set " + TELEPHONY_UNSIGNED + "=true.");
        }
        LOG.warn("!!! {}=true: the telephony webhooks accept UNSIGNED requests. Anyone who reaches this gateway can"
                + " record calls and withdraw any caller's signature. Set {} for any real deployment. !!!",
                TELEPHONY_UNSIGNED, ServiceConfig.envName(TELEPHONY_TOKEN));
        return null;
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
            closeKafkaSide();
        }
    }

    private void closeKafkaSide() {
        try {
            health.close();
        } finally {
            registryHealth.close();
            confirmations.close();
            publisher.close();
            handoff.close();
        }
    }
}

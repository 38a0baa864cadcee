package be.petition.service;

import be.petition.config.ServiceConfig;
import be.petition.metrics.CountingMetrics;
import be.petition.query.InternalSecret;
import be.petition.topology.SignatureTopology;
import be.petition.topology.SignerStateSerde;
import be.petition.topology.TopologySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the petition topology and its HTTP side (query API, live page, /metrics, health on {@code streams.http.host}
 * and {@code streams.http.port}): {@link #start(ServiceConfig)} starts both, {@link #close()} stops them cleanly.
 * Kafka Streams' {@code application.server} is where the HTTP side listens, unless {@code streams.application.server}
 * says how other instances reach it.
 */
public final class CountingService implements AutoCloseable {
    /** The documented defaults on the classpath; load them with {@code ServiceConfig.load}. */
    public static final String DEFAULTS_RESOURCE = KafkaStreamsConfig.DEFAULTS_RESOURCE;

    private static final Logger LOG = LoggerFactory.getLogger(CountingService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final TopologySettings settings;
    private final Properties streamsProperties;
    private final KafkaStreams streams;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final QueryServerSettings httpSettings;
    private final CountingMetrics metrics = new CountingMetrics();
    private ReadSide read;
    private QueryServer http;

    private CountingService(ServiceConfig given) {
        QueryServerSettings requested = QueryServerSettings.from(given);
        int port = requested.port() == 0 ? freePort(requested.host()) : requested.port();
        this.httpSettings = requested.withPort(port);
        if (!httpSettings.internalSecret().isSet()) {
            LOG.warn("{} is not set: this instance refuses /internal/v1/* and can only serve alone; with several"
                    + " instances set the same secret on each", InternalSecret.SETTING);
        }
        ServiceConfig config = given.asMap().containsKey(KafkaStreamsConfig.APPLICATION_SERVER) ? given
                : given.with(Map.of(QueryServerSettings.PORT, String.valueOf(port),
                KafkaStreamsConfig.APPLICATION_SERVER, reachableHost(requested.host()) + ":" + port));
        this.settings = TopologySettings.from(config);
        this.streamsProperties = KafkaStreamsConfig.streamsProperties(config);
        Topology topology = SignatureTopology.buildTopology(settings, config.serde(), metrics.observer());
        LOG.debug("Topology:\n{}", topology.describe());
        this.streams = new KafkaStreams(topology, streamsProperties);
        streams.setStateListener(this::onStateChange);
        streams.setUncaughtExceptionHandler(this::onUncaughtException);
    }

    /**
     * Builds the topology from the settings, starts it and the HTTP side; returns once Kafka Streams is starting and
     * the HTTP side listens.
     */
    public static CountingService start(ServiceConfig config) {
        CountingService service = new CountingService(config);
        LOG.info("Starting Petition Streams (application.id={}, application.server={}, state.dir={})",
                service.applicationId(), service.applicationServer(),
                service.streamsProperties.get(StreamsConfig.STATE_DIR_CONFIG));
        service.streams.start();
        try {
            service.read = ReadSide.assemble(service, service.httpSettings, service.metrics);
            service.http = QueryServer.start(service.read, service::state, service.httpSettings);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** The base URL of the query API, live page and /metrics, e.g. {@code http://127.0.0.1:8090}. */
    public String httpUrl() {
        return "http://" + httpSettings.host() + ":" + httpSettings.port();
    }

    /** The running Kafka Streams instance, for interactive queries. */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    public TopologySettings settings() {
        return settings;
    }

    public String applicationId() {
        return (String) streamsProperties.get(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    /** host:port of this instance, as other instances see it in their metadata. */
    public String applicationServer() {
        return String.valueOf(streamsProperties.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Blocks until Kafka Streams has stopped, by {@link #close()} or by a fatal error. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        if (newState == KafkaStreams.State.ERROR) {
            LOG.error("Petition Streams stopped with an error (state {} -> {}); see the errors above", oldState,
                    newState);
        } else {
            LOG.info("Petition Streams state {} -> {}", oldState, newState);
        }
        if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
            stopped.countDown();
        }
    }

    private StreamThreadExceptionResponse onUncaughtException(Throwable error) {
        if (causedBy(error, MissingSourceTopicException.class)) {
            LOG.error("A source topic is missing: create the pipeline's topics first (./petition topics), then start"
                    + " Petition Streams again", error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        if (causedBy(error, SignerStateSerde.UnknownVersionException.class)) {
            LOG.error("Petition Streams cannot read its own state", error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("A stream thread failed; replacing it (its tasks resume from the last commit)", error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Where other instances reach this one when it listens on every interface. */
    private static String reachableHost(String bindHost) {
        if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
            return bindHost;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new IllegalArgumentException(QueryServerSettings.HOST + " is " + bindHost + " and this machine's name is"
                    + " unknown: set " + KafkaStreamsConfig.APPLICATION_SERVER + " to the host:port other instances"
                    + " reach this one at", e);
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + host + " for " + QueryServerSettings.PORT + "=0", e);
        }
    }

    /** Stops the HTTP side, then processing: commits and closes the stores. */
    @Override
    public void close() {
        LOG.info("Stopping Petition Streams");
        // the live streams first: their clients get a clean end of stream before the server stops
        if (read != null) {
            read.close();
        }
        if (http != null) {
            http.close();
        }
        // leave the group, so a restarted or remaining instance takes the partitions over at once rather than
        // after the session timeout
        if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
            LOG.warn("Petition Streams did not stop within {}", CLOSE_TIMEOUT);
        }
        stopped.countDown();
    }
}

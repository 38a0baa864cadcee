package be.petition.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.CallStatus;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import be.petition.config.ServiceConfig;
import be.petition.gateway.Intake;
import be.petition.gateway.Prepared;
import be.petition.gateway.RejectedRequest;
import be.petition.identity.SignerKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ground truth must be what the pipeline counts: a stand-in topology applies DESIGN.md "Counting" in the
 * plainest way (every record kept, per signer key: an event's time is its earliest delivery, the latest withdrawal
 * w, the earliest signature after w counts; calls only with a visible number and a counting status) to exactly
 * what the gateway's {@link Intake} makes of each simulated request's text, acknowledged out of order, and must
 * agree with it.
 */
class SimulatorTest {
    private static final String PEPPER = "simulator-test-pepper-0123456789";

    static ServiceConfig config(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("simulate.progress", "false", "simulate.rate", "0",
                "simulate.share.duplicates", "0.15", "simulate.share.resent", "0.05",
                "simulate.share.withdrawals", "0.05", "simulate.share.malformed", "0.03",
                "simulate.max.in.flight", "32"));
        settings.putAll(extra);
        return ServiceConfig.load(Simulator.DEFAULTS, null, Map.of(), settings);
    }

    /** One record as the topology reads it. */
    private record Event(String eventId, long time, boolean withdrawal, String cell) {
    }

    /** Counts like the topology, from the set of records it was given. */
    private static final class StandInTopology implements Transport {
        private final DirectRecords gateway = new DirectRecords(new SignerKey(PEPPER), "glenn-2023",
                System::currentTimeMillis);
        private final Map<String, List<Event>> bySigner = new HashMap<>();
        private final Random delays = new Random(7);
        private final ScheduledExecutorService acks = Executors.newScheduledThreadPool(3);

        @Override
        public void send(Planned planned, Listener listener) {
            Prepared prepared;
            try {
                prepared = gateway.parse(planned);
            } catch (RejectedRequest e) {
                listener.answered(planned, e.status(), null, 0);
                return;
            }
            // Kafka acknowledges after a while, out of order across requests.
            acks.schedule(() -> {
                record(prepared);
                listener.answered(planned, 202, prepared.eventId(), prepared.eventTime());
            }, delays.nextInt(3000), TimeUnit.MICROSECONDS);
        }

        private synchronized void record(Prepared prepared) {
            Object value = prepared.value();
            String cell;
            if (value instanceof Withdrawal) {
                cell = null;
            } else if (value instanceof CallSignature c) {
                if (c.getSignerKey() == null || c.getStatus() != CallStatus.COMPLETED && c.getStatus() != CallStatus.IN_PROGRESS) {
                    return;
                }
                cell = c.getCampaign() + "/CALL/" + c.getRegion();
            } else if (value instanceof WebSignature web) {
                cell = web.getCampaign() + "/WEB/" + web.getRegion();
            } else if (value instanceof AppSignature app) {
                cell = app.getCampaign() + "/APP/" + app.getRegion();
            } else {
                throw new IllegalStateException("Unexpected record " + value);
            }
            bySigner.computeIfAbsent(prepared.key(), k -> new ArrayList<>())
                    .add(new Event(prepared.eventId(), prepared.eventTime(), cell == null, cell));
        }

        synchronized Map<String, Long> counts() {
            Map<String, Long> counts = new TreeMap<>();
            bySigner.values().forEach(records -> {
                Map<String, Event> events = new HashMap<>();
                records.forEach(e -> events.merge(e.eventId(), e, (a, b) -> a.time() <= b.time() ? a : b));
                long w = events.values().stream().filter(Event::withdrawal).mapToLong(Event::time).max()
                        .orElse(Long.MIN_VALUE);
                events.values().stream().filter(e -> !e.withdrawal() && e.time() > w)
                        .min(Comparator.comparingLong(Event::time).thenComparing(Event::eventId))
                        .ifPresent(e -> counts.merge(e.cell(), 1L, Long::sum));
            });
            return counts;
        }

        @Override
        public void close() {
            acks.shutdownNow();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGroundTruthIsWhatTheTopologyCounts() {
        StandInTopology topology = new StandInTopology();
        Simulator simulator = new Simulator(SimulationSettings.from(config(Map.of("simulate.count", "4000",
                "simulate.seed", "42"))), topology, new PrintStream(new ByteArrayOutputStream()));
        GroundTruth truth = simulator.run();
        simulator.close();
        Map<String, Object> json = truth.toMap();

        Map<String, Long> counts = topology.counts();
        assertThat(json.get("expectedCounts")).isEqualTo(counts);
        assertThat(json.get("expectedTotal")).isEqualTo(counts.values().stream().mapToLong(Long::longValue).sum());
        assertThat((long) truth.total()).isGreaterThan(2000);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGroundTruthIsInternallyConsistent() {
        Simulator simulator = new Simulator(SimulationSettings.from(config(Map.of("simulate.count", "3000",
                "simulate.seed", "7"))), new StandInTopology(), new PrintStream(new ByteArrayOutputStream()));
        Map<String, Object> json = simulator.run().toMap();
        simulator.close();

        long total = ((Number) json.get("expectedTotal")).longValue();
        Map<String, Long> counts = (Map<String, Long>) json.get("expectedCounts");
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(((Map<String, Long>) json.get("expectedByChannel")).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(total);
        assertThat(((Map<String, Long>) json.get("expectedByRegion")).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(total);
        Map<String, Long> accepted = (Map<String, Long>) json.get("acceptedByKind");
        Map<String, Object> withdrawals = (Map<String, Object>) json.get("withdrawals");
        Map<String, Object> duplicates = (Map<String, Object>) json.get("duplicates");
        // a caller signing online too is another identity: a new signer, like a first signature
        long signedAgain = (long) json.get("signedAgainUnderAnotherIdentity");
        assertThat(signedAgain).isPositive().isEqualTo(accepted.get("OTHER_CHANNEL"));
        assertThat(accepted.get("SIGNATURE") + signedAgain - (long) withdrawals.get("removedSigner")).isEqualTo(total);
        assertThat((long) duplicates.get("notCounted")).isEqualTo((long) duplicates.get("sameChannel")
                + (long) duplicates.get("resent"));
        assertThat((long) withdrawals.get("removedSigner")).isPositive();
        Map<String, Object> malformed = (Map<String, Object>) json.get("malformedRequests");
        assertThat((long) malformed.get("sent")).isPositive().isEqualTo(malformed.get("rejected"));
        assertThat(malformed.get("acceptedByMistake")).isEqualTo(0L);
        assertThat((Map<String, Long>) json.get("refusedValidRequestsByKind")).isEmpty();
        Map<String, Object> uncountable = (Map<String, Object>) json.get("uncountableCalls");
        assertThat((long) uncountable.get("withheldNumber")).isPositive();
        assertThat((long) uncountable.get("notCountingStatus")).isPositive();
        // mostly calls, then web, then the app; foreign callers and mobiles present
        Map<String, Long> byChannel = (Map<String, Long>) json.get("expectedByChannel");
        assertThat(byChannel.get("CALL")).isGreaterThan(byChannel.get("WEB"));
        assertThat(byChannel.get("WEB")).isGreaterThan(byChannel.get("APP"));
        Map<String, Long> byRegion = (Map<String, Long>) json.get("expectedByRegion");
        assertThat(byRegion).containsKeys("BE", "BE-VAN", "BE-BRU", "BE-WLX", "FR");
        assertThat(byRegion.get("BE-VAN")).isGreaterThan(byRegion.get("BE-WLX"));
    }

    @Test
    void holdsTheRateWithABoundedNumberInFlight() {
        StandInTopology topology = new StandInTopology();
        Simulator simulator = new Simulator(SimulationSettings.from(config(Map.of("simulate.rate", "400",
                "simulate.duration", "2s", "simulate.burst.every", "0s"))), topology,
                new PrintStream(new ByteArrayOutputStream()));
        long started = System.nanoTime();
        GroundTruth truth = simulator.run();
        simulator.close();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(truth.sentCount()).isBetween(600L, 801L);
        assertThat(seconds).isLessThan(5);
    }
}

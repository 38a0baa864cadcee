package be.petition.topology;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.Channel;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Counts are a function of the set of events (DESIGN.md "Counting"): over many random streams, each fed to the
 * topology in several interleavings of its four topics (each topic's own order kept, as Kafka keeps a partition's),
 * with count changes sent at random moments, the stores and topics always end where the plain model of the rules
 * ends. The stop and restart of a real application is CountingServiceIT's.
 */
class CountingPropertyTest {
    private static final int EVENTS = 400;
    private static final int INTERLEAVINGS = 4;

    @TempDir
    Path stateDir;

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyInterleavingEndsWhereTheModelEnds(long seed) {
        PetitionModel model = new PetitionModel();
        RandomTraffic traffic = new RandomTraffic(seed, 70 + (int) (seed % 40), model);
        List<RandomTraffic.Event> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(traffic.next());
        }
        // within the bound of events a signer keeps, where the rules hold to the letter (InternalSerdesTest: past it)
        Map<String, Long> perSigner = new TreeMap<>();
        events.stream().filter(event -> event.key() != null)
                .forEach(event -> perSigner.merge(event.key(), 1L, Long::sum));
        assertThat(perSigner.values()).allMatch(n -> n <= SignerState.MAX_EVENTS);
        assertThat(model.total()).isPositive();
        assertThat(model.duplicates()).isNotEmpty();

        Random random = new Random(seed);
        for (int round = 0; round < INTERLEAVINGS; round++) {
            List<RandomTraffic.Event> interleaving = round == 0 ? events : interleave(events, random);
            try (TopologyFixture fixture = new TopologyFixture(stateDir.resolve("round-" + round))) {
                for (RandomTraffic.Event event : interleaving) {
                    pipe(fixture, event);
                    if (random.nextInt(50) == 0) {
                        fixture.flush();
                    }
                }
                assertEndsAsTheModel(fixture, model, traffic.rejected());
            }
        }
    }

    /** The same events, each topic's in its own order, the topics mixed at random. */
    private static List<RandomTraffic.Event> interleave(List<RandomTraffic.Event> events, Random random) {
        Map<Channel, Deque<RandomTraffic.Event>> byTopic = new TreeMap<>((a, b) ->
                Integer.compare(a == null ? -1 : a.ordinal(), b == null ? -1 : b.ordinal()));
        for (RandomTraffic.Event event : events) {
            byTopic.computeIfAbsent(event.channel(), c -> new ArrayDeque<>()).add(event);
        }
        List<Deque<RandomTraffic.Event>> topics = new ArrayList<>(byTopic.values());
        List<RandomTraffic.Event> mixed = new ArrayList<>(events.size());
        while (!topics.isEmpty()) {
            Deque<RandomTraffic.Event> topic = topics.get(random.nextInt(topics.size()));
            // a few records of one topic at a time, as a poll returns them
            for (int n = 1 + random.nextInt(8); n > 0 && !topic.isEmpty(); n--) {
                mixed.add(topic.poll());
            }
            if (topic.isEmpty()) {
                topics.remove(topic);
            }
        }
        return mixed;
    }

    private static void pipe(TopologyFixture fixture, RandomTraffic.Event event) {
        if (event.isWithdrawal()) {
            fixture.withdrawals.pipeInput(event.key(), (Withdrawal) event.value());
        } else {
            switch (event.channel()) {
                case CALL -> fixture.calls.pipeInput(event.key(), (CallSignature) event.value());
                case WEB -> fixture.web.pipeInput(event.key(), (WebSignature) event.value());
                default -> fixture.app.pipeInput(event.key(), (AppSignature) event.value());
            }
        }
    }

    private static void assertEndsAsTheModel(TopologyFixture fixture, PetitionModel model, int rejected) {
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION)).isEqualTo(model.byChannelRegion());
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_HOUR)).isEqualTo(model.byHour());
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_DAY)).isEqualTo(model.byDay());
        assertThat(fixture.nonZero(StoreNames.DUPLICATES)).isEqualTo(model.duplicates());
        assertThat(fixture.nonZero(StoreNames.UNCOUNTABLE_CALLS)).isEqualTo(model.uncountableCalls());
        Map<String, String> accepted = new TreeMap<>();
        fixture.accepted.readKeyValuesToMap().forEach((key, signature) -> {
            if (signature != null) {
                accepted.put(key, signature.getEventId());
            }
        });
        assertThat(accepted).isEqualTo(model.accepted());
        Map<String, Long> published = new TreeMap<>();
        fixture.counts().readKeyValuesToMap().forEach((key, count) -> {
            if (count.getCount() != 0) {
                published.put(key, count.getCount());
            }
        });
        assertThat(published).isEqualTo(model.byChannelRegion());
        assertThat(fixture.rejected.getQueueSize()).isEqualTo(rejected);
        Map<String, Long> rejectedByReason = rejected == 0 ? Map.of()
                : Map.of(CountKeys.rejected(Events.CAMPAIGN, RejectionReason.UNKNOWN_REGION), (long) rejected);
        assertThat(fixture.nonZero(StoreNames.REJECTED_RECORDS)).isEqualTo(rejectedByReason);
    }
}

package be.petition.topology;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Over many random streams, the topology's stores and topics end where the plain model of the rules ends. */
class CountingPropertyTest {
    private static final int EVENTS = 400;

    @TempDir
    Path stateDir;

    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void finalCountsEqualTheModel(long seed) {
        PetitionModel model = new PetitionModel();
        RandomTraffic traffic = new RandomTraffic(seed, 15 + (int) (seed % 40), model);
        try (TopologyFixture fixture = new TopologyFixture(stateDir)) {
            for (int i = 0; i < EVENTS; i++) {
                RandomTraffic.Event event = traffic.next();
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

            assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION)).isEqualTo(model.byChannelRegion);
            assertThat(fixture.nonZero(StoreNames.COUNTS_BY_HOUR)).isEqualTo(model.byHour);
            assertThat(fixture.nonZero(StoreNames.COUNTS_BY_DAY)).isEqualTo(model.byDay);
            assertThat(fixture.nonZero(StoreNames.DUPLICATES)).isEqualTo(model.duplicates);
            assertThat(fixture.nonZero(StoreNames.UNCOUNTABLE_CALLS)).isEqualTo(model.uncountableCalls);
            Map<String, String> accepted = new TreeMap<>();
            fixture.accepted.readKeyValuesToMap().forEach((key, signature) -> {
                if (signature != null) {
                    accepted.put(key, signature.getEventId());
                }
            });
            assertThat(accepted).isEqualTo(model.accepted);
            Map<String, Long> published = new TreeMap<>();
            fixture.counts.readKeyValuesToMap().forEach((key, count) -> {
                if (count.getCount() != 0) {
                    published.put(key, count.getCount());
                }
            });
            assertThat(published).isEqualTo(model.byChannelRegion);
            assertThat(fixture.rejected.getQueueSize()).isEqualTo(traffic.rejected());
            assertThat(model.total()).isPositive();
        }
    }

}

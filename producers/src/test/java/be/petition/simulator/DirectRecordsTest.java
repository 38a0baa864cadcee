package be.petition.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.gateway.Prepared;
import be.petition.gateway.RejectedRequest;
import be.petition.identity.SignerKey;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The direct-to-Kafka path writes, for every kind of planned request, the very record the gateway writes from the
 * request's text: same event id, signer key, identity kind, region, fields and times (the clock is fixed).
 */
class DirectRecordsTest {

    @Test
    void buildsWhatTheGatewayMakesOfTheRequestText() {
        DirectRecords records = new DirectRecords(new SignerKey("direct-records-pepper-0123456789"), "glenn-2023",
                () -> 1_700_000_000_123L);
        TrafficPlan plan = new TrafficPlan(SimulationSettings.from(SimulatorTest.config(Map.of("simulate.seed", "5",
                "simulate.share.foreign", "0.2", "simulate.share.mobile", "0.2"))));
        Map<Planned.Kind, Integer> seen = new EnumMap<>(Planned.Kind.class);
        for (int i = 0; i < 20_000; i++) {
            Planned planned = plan.next();
            seen.merge(planned.kind(), 1, Integer::sum);
            if (planned.kind() == Planned.Kind.MALFORMED) {
                assertThatThrownBy(() -> records.prepare(planned)).isInstanceOf(RejectedRequest.class);
                plan.completed(planned, false);
                continue;
            }
            Prepared direct = records.prepare(planned);
            Prepared parsed = records.parse(planned);
            assertThat(direct).as("%s %s", planned.kind(), new String(planned.body())).isEqualTo(parsed);
            plan.completed(planned, true);
        }
        assertThat(seen.keySet()).as("every kind of request was compared").containsAll(java.util.EnumSet.allOf(Planned.Kind.class));
    }
}

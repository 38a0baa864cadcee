package be.petition.topology;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ChannelEventReaderTest {

    @Test
    void anUnreachableRegistryFailsTheTaskInsteadOfRejectingTheRecord() {
        // port 1 refuses connections: the record is fine, the registry is not, so it must be retried, not dropped
        ChannelEventReader reader = new ChannelEventReader(TopologySettings.defaults(), Map.of(
                "schema.registry.url", "http://127.0.0.1:1", "max.retries", "0", "http.connect.timeout.ms", "500"));
        byte[] record = {0, 0, 0, 0, 7, 2, 'x'};

        assertThatThrownBy(() -> reader.read(TopologySettings.defaults().webTopic(), "k".getBytes(), record, 0L))
                .isInstanceOf(SerializationException.class);
    }
}

package be.petition.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RejectedRecordTest {

    @Test
    void headersRoundTripAsReadableText() {
        RejectedRecord rejected = new RejectedRecord("invalid-region", "region is not an ISO 3166 code",
                Topics.WEB.name(), 4, 1_234_567_890_123L);

        Headers headers = rejected.addTo(new RecordHeaders());

        assertThat(RejectedRecord.from(headers)).contains(rejected);
        assertThat(new String(headers.lastHeader(Topics.HEADER_SOURCE_OFFSET).value(), StandardCharsets.UTF_8))
                .isEqualTo("1234567890123");
        assertThat(new String(headers.lastHeader(Topics.HEADER_SOURCE_TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo("signatures.web.v1");
    }

    @Test
    void rejectingAgainReplacesTheHeadersAndANullDetailIsLeftOut() {
        Headers headers = new RejectedRecord("first", "d", "t", 0, 1).addTo(new RecordHeaders());

        new RejectedRecord("second", null, "t", 2, 3).addTo(headers);

        assertThat(headers.headers(Topics.HEADER_REASON)).hasSize(1);
        assertThat(headers.lastHeader(Topics.HEADER_DETAIL)).isNull();
        assertThat(RejectedRecord.from(headers)).contains(new RejectedRecord("second", null, "t", 2, 3));
    }

    @Test
    void recordsWithoutTheHeadersAreNotRejectedOnes() {
        Headers headers = new RecordHeaders().add(Topics.HEADER_REASON, "x".getBytes(StandardCharsets.UTF_8));

        assertThat(RejectedRecord.from(new RecordHeaders())).isEmpty();
        assertThat(RejectedRecord.from(headers)).isEmpty();
    }

    @Test
    void malformedNumbersReadAsMinusOne() {
        Headers headers = new RejectedRecord("r", null, "t", 1, 2).addTo(new RecordHeaders());
        headers.remove(Topics.HEADER_SOURCE_OFFSET);
        headers.add(Topics.HEADER_SOURCE_PARTITION, "three".getBytes(StandardCharsets.UTF_8));

        assertThat(RejectedRecord.from(headers)).contains(new RejectedRecord("r", null, "t", -1, -1));
    }
}

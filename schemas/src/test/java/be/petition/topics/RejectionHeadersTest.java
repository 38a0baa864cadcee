package be.petition.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RejectionHeadersTest {

    @Test
    void headersRoundTripAsReadableText() {
        RejectionHeaders rejected = new RejectionHeaders("unknown-region", "region is not an ISO 3166 code",
                Topics.WEB.name(), 4, 1_234_567_890_123L);

        Headers headers = rejected.addTo(new RecordHeaders());

        assertThat(RejectionHeaders.from(headers)).contains(rejected);
        assertThat(new String(headers.lastHeader(Topics.HEADER_SOURCE_OFFSET).value(), StandardCharsets.UTF_8))
                .isEqualTo("1234567890123");
        assertThat(new String(headers.lastHeader(Topics.HEADER_SOURCE_TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo("signatures.web.v1");
    }

    @Test
    void rejectingAgainReplacesTheHeadersAndANullDetailIsLeftOut() {
        Headers headers = new RejectionHeaders("first", "d", "t", 0, 1).addTo(new RecordHeaders());

        new RejectionHeaders("second", null, "t", 2, 3).addTo(headers);

        assertThat(headers.headers(Topics.HEADER_REASON)).hasSize(1);
        assertThat(headers.lastHeader(Topics.HEADER_DETAIL)).isNull();
        assertThat(RejectionHeaders.from(headers)).contains(new RejectionHeaders("second", null, "t", 2, 3));
    }

    @Test
    void recordsWithoutTheHeadersAreNotRejectedOnes() {
        Headers headers = new RecordHeaders().add(Topics.HEADER_REASON, "x".getBytes(StandardCharsets.UTF_8));

        assertThat(RejectionHeaders.from(new RecordHeaders())).isEmpty();
        assertThat(RejectionHeaders.from(headers)).isEmpty();
    }

    @Test
    void malformedNumbersReadAsMinusOne() {
        Headers headers = new RejectionHeaders("r", null, "t", 1, 2).addTo(new RecordHeaders());
        headers.remove(Topics.HEADER_SOURCE_OFFSET);
        headers.add(Topics.HEADER_SOURCE_PARTITION, "three".getBytes(StandardCharsets.UTF_8));

        assertThat(RejectionHeaders.from(headers)).contains(new RejectionHeaders("r", null, "t", -1, -1));
    }
}

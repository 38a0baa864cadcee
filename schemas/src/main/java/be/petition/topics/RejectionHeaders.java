package be.petition.topics;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Why a record went to {@code signatures.rejected.v1} and where it came from, carried in the headers named in
 * {@link Topics} (UTF-8 text, numbers in decimal, so console tools show them). The record keeps its original
 * key and bytes. The detail must name no person: say which field is wrong, never its value.
 *
 * @param reason short machine-readable cause, e.g. {@code corrupt-record} or {@code unknown-region}
 * @param detail one human-readable sentence, or null
 * @param sourceTopic topic the record was read from
 * @param sourcePartition its partition
 * @param sourceOffset its offset
 */
public record RejectionHeaders(String reason, String detail, String sourceTopic, int sourcePartition,
                             long sourceOffset) {

    public RejectionHeaders {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(sourceTopic, "sourceTopic");
    }

    /** Adds these headers, replacing any of the same names (a record rejected twice keeps the last). */
    public Headers addTo(Headers headers) {
        put(headers, Topics.HEADER_REASON, reason);
        put(headers, Topics.HEADER_DETAIL, detail);
        put(headers, Topics.HEADER_SOURCE_TOPIC, sourceTopic);
        put(headers, Topics.HEADER_SOURCE_PARTITION, Integer.toString(sourcePartition));
        put(headers, Topics.HEADER_SOURCE_OFFSET, Long.toString(sourceOffset));
        return headers;
    }

    /** Reads the headers of a rejected record; empty if it has no reason or source topic header. */
    public static Optional<RejectionHeaders> from(Headers headers) {
        String reason = text(headers, Topics.HEADER_REASON);
        String topic = text(headers, Topics.HEADER_SOURCE_TOPIC);
        if (reason == null || topic == null) {
            return Optional.empty();
        }
        return Optional.of(new RejectionHeaders(reason, text(headers, Topics.HEADER_DETAIL), topic,
                (int) number(headers, Topics.HEADER_SOURCE_PARTITION), number(headers, Topics.HEADER_SOURCE_OFFSET)));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** -1 when the header is missing or not a number. */
    private static long number(Headers headers, String name) {
        String value = text(headers, name);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

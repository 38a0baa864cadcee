package be.petition.topology;

import java.util.Locale;

/**
 * Why a record went to the rejected topic; the {@code Topics.HEADER_REASON} header holds its {@link #code()}, e.g.
 * {@code unknown-region}.
 */
public enum RejectionReason {
    /** Not in the Confluent wire format, or the Avro bytes do not decode. */
    CORRUPT_RECORD,
    /** The schema id in the record is not in the Schema Registry. */
    UNKNOWN_SCHEMA,
    /** The record's schema is registered but is not the topic's record type, or cannot be read as it. */
    INCOMPATIBLE_SCHEMA,
    /** A record with no value. */
    MISSING_VALUE,
    /** A required field is empty. */
    MISSING_FIELD,
    /** An id or key longer than {@code ChannelEventReader.MAX_ID_LENGTH}: the signer's state keeps ids, bounded. */
    FIELD_TOO_LONG,
    /** The record key is not the signer key of the value: deduplication depends on keying by signer. */
    KEY_MISMATCH,
    /** The campaign is not one this deployment counts. */
    UNKNOWN_CAMPAIGN,
    /** The region is not a code of DESIGN.md's Regions section. */
    UNKNOWN_REGION,
    /** The event time is further in the future than the allowed clock skew. */
    FUTURE_EVENT_TIME;

    /** The header value: the name in lower case with hyphens, e.g. {@code corrupt-record}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

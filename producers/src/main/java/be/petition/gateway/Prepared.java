package be.petition.gateway;

import be.petition.topics.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * A validated request turned into the record to produce: no personal data left in it.
 *
 * @param key the signer key, or null for a call with a withheld number
 * @param eventTime the record's event time, epoch milliseconds
 * @param outcome what it is, for the metrics: {@code signature}, {@code withheld}, {@code not_counting}, {@code withdrawal}
 */
public record Prepared(Endpoint endpoint, Topic<?> topic, String key, SpecificRecord value, String eventId,
                       long eventTime, String outcome) {
}

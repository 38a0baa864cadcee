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
public record Prepared(Channel channel, Topic<?> topic, String key, SpecificRecord value, String eventId,
                       long eventTime, String outcome) {

    /** The gateway's endpoints, as metric labels. */
    public enum Channel {
        WEB, APP, CALL, WITHDRAWAL;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

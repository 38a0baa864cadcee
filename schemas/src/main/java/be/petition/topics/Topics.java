package be.petition.topics;

import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.Count;
import be.petition.avro.Signature;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Every topic of DESIGN.md's table, in one place: producers and streams meet only here. */
public final class Topics {
    public static final Topic<CallSignature> CALLS = new Topic<>("signatures.call.v1", CallSignature.class, false);
    public static final Topic<WebSignature> WEB = new Topic<>("signatures.web.v1", WebSignature.class, false);
    public static final Topic<AppSignature> APP = new Topic<>("signatures.app.v1", AppSignature.class, false);
    public static final Topic<Withdrawal> WITHDRAWALS =
            new Topic<>("signatures.withdrawals.v1", Withdrawal.class, false);
    public static final Topic<Signature> ACCEPTED = new Topic<>("signatures.accepted.v1", Signature.class, true);
    /** Original key and bytes of a record the topology could not use; headers say why and where from. */
    public static final Topic<SpecificRecord> REJECTED = new Topic<>("signatures.rejected.v1", null, false);
    public static final Topic<Count> COUNTS = new Topic<>("petition.counts.v1", Count.class, true);
    /**
     * Records on which the topology failed unexpectedly (a bug, not bad input), written by Kafka Streams' dead-letter
     * queue (KIP-1034) with the exception in the headers, so one record cannot stop counting.
     */
    public static final Topic<SpecificRecord> DEAD_LETTER = new Topic<>("signatures.dead-letter.v1", null, false);
    /** The Schema Registry's storage, in Confluent's layout. */
    public static final Topic<SpecificRecord> SCHEMAS = new Topic<>("_schemas", null, true);

    /** Headers on a rejected record. */
    public static final String HEADER_REASON = "petition.rejected.reason";
    public static final String HEADER_DETAIL = "petition.rejected.detail";
    public static final String HEADER_SOURCE_TOPIC = "petition.rejected.source.topic";
    public static final String HEADER_SOURCE_PARTITION = "petition.rejected.source.partition";
    public static final String HEADER_SOURCE_OFFSET = "petition.rejected.source.offset";

    private Topics() {
    }

    /** The topics of the pipeline proper, in provisioning order (the registry's own topic is not among them). */
    public static List<Topic<?>> pipeline() {
        return List.of(CALLS, WEB, APP, WITHDRAWALS, ACCEPTED, REJECTED, COUNTS, DEAD_LETTER);
    }
}

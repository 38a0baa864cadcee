package be.petition.topology;

/** An input record the topology cannot use; it goes to the rejected topic. */
final class RejectedRecordException extends Exception {
    private final RejectionReason reason;
    private final String campaign;

    RejectedRecordException(RejectionReason reason, String detail) {
        this(reason, null, detail);
    }

    private RejectedRecordException(RejectionReason reason, String campaign, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.campaign = campaign;
    }

    RejectionReason reason() {
        return reason;
    }

    /** The campaign field of the record, null when the record could not be read that far. */
    String campaign() {
        return campaign;
    }

    /** The same rejection, of a record that names {@code campaign}. */
    RejectedRecordException of(String campaign) {
        return new RejectedRecordException(reason, campaign, getMessage());
    }
}

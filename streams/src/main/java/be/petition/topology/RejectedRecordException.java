package be.petition.topology;

/** An input record the topology cannot use; it goes to the rejected topic. */
final class RejectedRecordException extends Exception {
    private final RejectionReason reason;

    RejectedRecordException(RejectionReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectionReason reason() {
        return reason;
    }
}

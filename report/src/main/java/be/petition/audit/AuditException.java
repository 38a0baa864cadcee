package be.petition.audit;

/** The audit cannot run (bad usage, Kafka, the registry or the query API unreachable); the message says what to do. */
public class AuditException extends RuntimeException {
    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}

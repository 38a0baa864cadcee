package be.petition.registry.client;

/**
 * A Schema Registry answered with an error, or could not be reached. {@link #errorCode()} is the registry's own
 * code (40401 subject not found, 40403 schema not found, 409 incompatible, 42201 invalid schema, ...), or
 * {@link #UNREACHABLE} when no answer came at all.
 */
public class RegistryClientException extends RuntimeException {
    public static final int UNREACHABLE = -1;
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;

    private final int httpStatus;
    private final int errorCode;

    public RegistryClientException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public RegistryClientException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    /**
     * Whether the registry answered about the record's schema (unknown id, not the type read, incompatible): the
     * record is bad. Any other error is the registry's (down, refusing us): not the record's fault.
     */
    public boolean isAboutTheSchema() {
        return errorCode == SCHEMA_NOT_FOUND || errorCode == INVALID_SCHEMA || errorCode == INCOMPATIBLE_SCHEMA;
    }

    /** The registry error behind {@code error} (a deserializer wraps it), or null when it has none. */
    public static RegistryClientException in(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RegistryClientException registryError) {
                return registryError;
            }
        }
        return null;
    }
}

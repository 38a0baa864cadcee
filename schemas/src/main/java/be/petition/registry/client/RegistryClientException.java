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
}

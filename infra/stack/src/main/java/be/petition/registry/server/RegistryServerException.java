package be.petition.registry.server;

/**
 * An error the registry answers with Confluent's body {@code {"error_code": N, "message": "..."}}. Clients
 * (Confluent's and ours) act on the error code, so each code means exactly what it means in Confluent's registry.
 */
public final class RegistryServerException extends RuntimeException {
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_SOFT_DELETED = 40404;
    public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    public static final int VERSION_SOFT_DELETED = 40406;
    public static final int VERSION_NOT_SOFT_DELETED = 40407;
    public static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int SUBJECT_LEVEL_MODE_NOT_CONFIGURED = 40409;
    public static final int UNAUTHORIZED = 401;
    public static final int FORBIDDEN = 40301;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int INVALID_MODE = 42204;
    public static final int OPERATION_NOT_PERMITTED = 42205;
    public static final int STORE_ERROR = 50001;
    public static final int STORE_TIMEOUT = 50002;

    private final int httpStatus;
    private final int errorCode;

    public RegistryServerException(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public RegistryServerException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    static RegistryServerException subjectNotFound(String subject) {
        return new RegistryServerException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static RegistryServerException versionNotFound(String subject, int version) {
        return new RegistryServerException(404, VERSION_NOT_FOUND, "Version " + version + " not found for subject '"
                + subject + "'.");
    }

    static RegistryServerException schemaNotFound(String detail) {
        return new RegistryServerException(404, SCHEMA_NOT_FOUND, detail);
    }

    static RegistryServerException invalidSchema(String detail) {
        return new RegistryServerException(422, INVALID_SCHEMA, detail);
    }

    static RegistryServerException invalidVersion(String version) {
        return new RegistryServerException(422, INVALID_VERSION,
                "The specified version '" + version + "' is not a valid"
                + " version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryServerException invalidCompatibilityLevel(String level) {
        return new RegistryServerException(422, INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level"
                + (level == null ? "" : " '" + level + "'") + ". Valid values are none, backward, forward, full,"
                + " backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryServerException subjectCompatibilityNotConfigured(String subject) {
        return new RegistryServerException(404, SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED, "Subject '" + subject
                + "' does not have subject-level compatibility configured");
    }

    static RegistryServerException subjectModeNotConfigured(String subject) {
        return new RegistryServerException(404, SUBJECT_LEVEL_MODE_NOT_CONFIGURED, "Subject '" + subject
                + "' does not have subject-level mode configured");
    }

    /** A change refused because the registry, or the subject (when not null), is in READONLY mode. */
    static RegistryServerException readOnly(String subject) {
        return new RegistryServerException(422, OPERATION_NOT_PERMITTED, subject == null
                ? "The schema registry is in read-only mode" : "Subject " + subject + " is in read-only mode");
    }
}

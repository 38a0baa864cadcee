package be.petition.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The secret the instances of one application share to read each other's store ranges ({@code /internal/v1/*}, on
 * the public port): sent as {@code Authorization: Bearer <secret>}, compared in constant time. Without one ({@link #none()}) this instance
 * refuses every internal read and asks no other instance: it can only serve alone.
 */
public final class InternalSecret {
    public static final String SETTING = "streams.internal.secret";
    public static final String HEADER = "Authorization";
    private static final String SCHEME = "Bearer ";
    /** Short secrets can be guessed over HTTP; `./petition up` makes 43 characters. */
    static final int MIN_LENGTH = 16;

    private final String value;
    private final byte[] digest;

    private InternalSecret(String value) {
        this.value = value;
        this.digest = value == null ? null : sha256(value);
    }

    /** The shared secret; at least {@value #MIN_LENGTH} characters. */
    public static InternalSecret of(String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("Setting \"" + SETTING + "\" must have at least " + MIN_LENGTH
                    + " characters (every instance of the application the same)");
        }
        return new InternalSecret(value.strip());
    }

    /** No secret: internal reads are refused here and not attempted from here. */
    public static InternalSecret none() {
        return new InternalSecret(null);
    }

    public boolean isSet() {
        return value != null;
    }

    /** The value to send in {@link #HEADER}; only when {@link #isSet()}. */
    String header() {
        return SCHEME + value;
    }

    /**
     * True when an {@code Authorization} header carries the secret. Both sides are hashed first, so the comparison
     * takes the same time whatever the length or the first differing byte of what was presented.
     */
    public boolean matches(String authorization) {
        return digest != null && authorization != null && authorization.startsWith(SCHEME)
                && MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length())));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return isSet() ? "InternalSecret[set]" : "InternalSecret[none]";
    }
}

package be.petition.registry.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for the registry's users file, {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (salt and hash in
 * base64): PBKDF2-HMAC-SHA256 from the JDK, a random 16-byte salt per password, so the file never holds a password.
 */
public final class PasswordHash {
    static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** A new hash of the password with a fresh salt, in the users file's notation. */
    public static String create(char[] password, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive, not " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(derive(password, salt, iterations));
    }

    /** Reads a hash written by {@link #create}; the message says what is wrong, never the text itself. */
    static PasswordHash parse(String encoded) {
        String[] parts = encoded.trim().split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + "$<iterations>$<salt>$<hash> password hash");
        }
        try {
            return new PasswordHash(Integer.parseInt(parts[1]), Base64.getDecoder().decode(parts[2]),
                    Base64.getDecoder().decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a " + SCHEME + " hash with a bad iteration count, salt or hash");
        }
    }

    boolean matches(char[] password) {
        // constant time, so the answer's timing says nothing about how much of the password was right
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    /** A fast digest of a password, salted like this hash, to remember one that {@link #matches} accepted. */
    byte[] fastDigest(char[] password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            sha256.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return sha256.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}

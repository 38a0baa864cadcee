package be.petition.identity;

import be.petition.config.ServiceConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudonymous signer key: base64url without padding of HMAC-SHA256(pepper, identity). Without the pepper
 * a key cannot be traced back to a phone number by trying every number; the same person always gets the same key.
 */
public final class SignerKey {
    public static final String PEPPER = "pepper";
    static final int MIN_PEPPER_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec pepper;
    private final ThreadLocal<Mac> macs;

    public SignerKey(String pepper) {
        if (pepper == null || pepper.isBlank()) {
            throw new IllegalArgumentException(howToSet("No pepper is configured"));
        }
        if (pepper.length() < MIN_PEPPER_LENGTH) {
            throw new IllegalArgumentException(howToSet("The pepper is shorter than " + MIN_PEPPER_LENGTH + " characters"));
        }
        this.pepper = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The pepper from {@code pepper} / PETITION_PEPPER, or the file named by {@code pepper.file} / PETITION_PEPPER_FILE. */
    public static SignerKey fromConfig(ServiceConfig config) {
        String value;
        try {
            value = config.secret(PEPPER);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(howToSet(e.getMessage()), e);
        }
        return new SignerKey(value);
    }

    private static String howToSet(String problem) {
        return problem + ". The gateway refuses to run without a pepper, the secret that makes signer keys: set "
                + ServiceConfig.envName(PEPPER) + " to a long random value (e.g. `openssl rand -base64 32`), or "
                + ServiceConfig.envName(PEPPER + ".file") + " to a file holding it, or pepper.file=... in the"
                + " configuration. Keep it: another pepper gives every signer another key.";
    }

    public String of(Identity identity) {
        byte[] digest = macs.get().doFinal(identity.canonical().getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(pepper);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot compute " + ALGORITHM + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SignerKey[pepper hidden]";
    }
}

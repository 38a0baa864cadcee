package be.petition.gateway;

import be.petition.config.ServiceConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret an app install proves itself with: base64url (no padding) of HMAC-SHA256(server key, install id).
 * The gateway derives it again to check it, so it stores nothing per install; without the server key nobody can
 * make the secret of an install id, so an install id alone (which ends up in logs and support mails) proves nothing.
 */
final class InstallSecrets {
    static final String KEY = "app.install.key";
    static final int MIN_KEY_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final ThreadLocal<Mac> macs;

    InstallSecrets(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("The app install key (" + ServiceConfig.envName(KEY) + ") must be at least "
                    + MIN_KEY_LENGTH + " characters, e.g. `openssl rand -base64 32`");
        }
        SecretKeySpec spec = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("This JVM cannot compute " + ALGORITHM + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * The key from {@code app.install.key} / PETITION_APP_INSTALL_KEY, or the file named by {@code app.install.key.file}.
     * Changing it invalidates every install's secret: the apps must register again.
     */
    static InstallSecrets fromConfig(ServiceConfig config) {
        return new InstallSecrets(config.secret(KEY));
    }

    String secretOf(String installId) {
        byte[] digest = macs.get().doFinal(installId.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** In constant time: the comparison must not tell an attacker how many leading characters were right. */
    boolean matches(String installId, String presented) {
        return MessageDigest.isEqual(secretOf(installId).getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "InstallSecrets[key hidden]";
    }
}

package be.petition.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature: base64(HMAC-SHA1(auth token, the full URL Twilio requested followed by every POST
 * parameter's name and value, sorted by name)).
 */
public final class TwilioSignature {
    private final byte[] token;

    public TwilioSignature(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> values.forEach(value -> data.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot compute HmacSHA1: " + e.getMessage(), e);
        }
    }

    public boolean verify(String url, Map<String, List<String>> params, String signature) {
        return MessageDigest.isEqual(sign(url, params).getBytes(StandardCharsets.UTF_8),
                signature.trim().getBytes(StandardCharsets.UTF_8));
    }
}

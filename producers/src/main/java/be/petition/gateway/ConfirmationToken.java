package be.petition.gateway;

import be.petition.avro.Language;
import be.petition.avro.WithdrawalReason;
import be.petition.config.ServiceConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a confirmation link: what the gateway needs to write the event once the signer proves the address
 * (signer key, region, language, campaign, submission id, kind, issue time), never the address itself, followed by
 * an HMAC-SHA256 of it with the server's confirmation key. Stateless: the gateway keeps nothing between the mail and
 * the click. Text form: {@code base64url(payload) "." base64url(mac)}.
 */
public final class ConfirmationToken {
    public static final String KEY = "confirm.key";
    public static final String TTL = "confirm.token.ttl";
    static final int MIN_KEY_LENGTH = 16;
    private static final byte VERSION = 1;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Longer texts are not tokens this gateway made; refused before any decoding. */
    private static final int MAX_LENGTH = 1024;

    public enum Kind {
        SIGNATURE, WITHDRAWAL;

        public String label() {
            return this == SIGNATURE ? "signature" : "withdrawal";
        }
    }

    /**
     * What a token says.
     *
     * @param id the client's submission id (signature) or request id (withdrawal): the event id derives from it
     * @param region the signature's region; null for a withdrawal
     * @param reason the withdrawal's reason; null for a signature
     * @param issuedAt epoch milliseconds
     */
    public record Claims(Kind kind, String campaign, String id, String signerKey, String region, Language language,
                         boolean consent, WithdrawalReason reason, long issuedAt) {
    }

    /** Why a token is refused; the status says it to the client (400 unreadable, 403 forged, 410 expired). */
    public static final class Invalid extends Exception {
        private final int status;
        private final String reason;
        private final Kind kind;

        Invalid(int status, String reason) {
            this(status, reason, null);
        }

        Invalid(int status, String reason, Kind kind) {
            super(reason, null, false, false);
            this.status = status;
            this.reason = reason;
            this.kind = kind;
        }

        /** What the token was for, when it can be told (an expired one); null for a forged or unreadable one. */
        public Kind kind() {
            return kind;
        }

        public int status() {
            return status;
        }

        /** {@code malformed}, {@code forged} or {@code expired}. */
        public String reason() {
            return reason;
        }
    }

    private final SecretKeySpec key;
    private final long ttlMillis;
    private final ThreadLocal<Mac> macs;

    public ConfirmationToken(String key, Duration ttl) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("The confirmation key (" + KEY + ") must be at least " + MIN_KEY_LENGTH
                    + " characters: set " + ServiceConfig.envName(KEY) + " to a long random value (e.g. `openssl rand"
                    + " -base64 32`) or " + ServiceConfig.envName(KEY + ".file") + " to a file holding it");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("Setting \"" + TTL + "\" must be a positive duration, e.g. 7d");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.ttlMillis = ttl.toMillis();
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    static ConfirmationToken fromConfig(ServiceConfig config) {
        return new ConfirmationToken(config.secret(KEY), config.duration(TTL));
    }

    public Duration ttl() {
        return Duration.ofMillis(ttlMillis);
    }

    public String issue(Claims claims) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(claims.kind().ordinal());
            out.writeLong(claims.issuedAt());
            out.writeUTF(claims.campaign());
            out.writeUTF(claims.id());
            out.writeUTF(claims.signerKey());
            out.writeUTF(claims.region() == null ? "" : claims.region());
            out.writeUTF(claims.language().name());
            out.writeBoolean(claims.consent());
            out.writeUTF(claims.reason() == null ? "" : claims.reason().name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = bytes.toByteArray();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(macs.get().doFinal(payload));
    }

    /** The claims of a token this key signed that has not expired at {@code now} (epoch ms). */
    public Claims verify(String token, long now) throws Invalid {
        if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
            throw new Invalid(400, "malformed");
        }
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] mac;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, Math.max(dot, 0)).trim());
            mac = Base64.getUrlDecoder().decode(token.substring(dot + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new Invalid(400, "malformed");
        }
        if (dot <= 0 || payload.length == 0 || mac.length != MAC_BYTES) {
            throw new Invalid(400, "malformed");
        }
        if (!MessageDigest.isEqual(macs.get().doFinal(payload), mac)) {
            throw new Invalid(403, "forged");
        }
        Claims claims = decode(payload);
        if (now - claims.issuedAt() > ttlMillis) {
            throw new Invalid(410, "expired", claims.kind());
        }
        return claims;
    }

    /** Only ever called on a payload this key signed, so a failure here is a token of another version. */
    private static Claims decode(byte[] payload) throws Invalid {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != VERSION) {
                throw new Invalid(400, "malformed");
            }
            Kind kind = Kind.values()[in.readByte()];
            long issuedAt = in.readLong();
            String campaign = in.readUTF();
            String id = in.readUTF();
            String signerKey = in.readUTF();
            String region = in.readUTF();
            Language language = Language.valueOf(in.readUTF());
            boolean consent = in.readBoolean();
            String reason = in.readUTF();
            return new Claims(kind, campaign, id, signerKey, region.isEmpty() ? null : region, language, consent,
                    reason.isEmpty() ? null : WithdrawalReason.valueOf(reason), issuedAt);
        } catch (IOException | RuntimeException e) {
            throw new Invalid(400, "malformed");
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot compute " + ALGORITHM + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ConfirmationToken[key hidden, ttl " + ttl() + "]";
    }
}

package be.petition.simulator;

import be.petition.avro.AppPlatform;
import be.petition.avro.Language;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a planned request says, as values. The HTTP target renders the body the way a person or provider would
 * write it ({@link #body()}; {@code style} holds the random choices of notation, drawn with the plan); the Kafka
 * target builds the record from the values directly, without writing and parsing text.
 */
sealed interface Request {
    String JSON_TYPE = "application/json";
    String FORM_TYPE = "application/x-www-form-urlencoded";
    ObjectMapper JSON = new ObjectMapper();

    String contentType();

    byte[] body();

    /** @param campaign the campaign field when the form sends one, else null (the gateway's default) */
    record Web(String submissionId, String campaign, String email, boolean retypedEmail, String phone,
               String postalCode, Language language, boolean consent, int style) implements Request {
        @Override
        public String contentType() {
            return JSON_TYPE;
        }

        @Override
        public byte[] body() {
            ObjectNode body = JSON.createObjectNode().put("submissionId", submissionId)
                    .put("email", retypedEmail ? retyped(email, style) : email).put("postalCode", postalCode)
                    .put("language", languageText(language, style)).put("consent", consent);
            if (phone != null) {
                body.put("phone", Population.written(phone, style));
            }
            if (campaign != null) {
                body.put("campaign", campaign);
            }
            return bytes(body);
        }
    }

    /** {@code installId} is the simulator's own; over HTTP the gateway issues the one sent ({@link #withInstallId}). */
    record App(String submissionId, String installId, String phone, String postalCode, Language language,
               AppPlatform platform, String appVersion, int style) implements Request {
        App withInstallId(String issued) {
            return new App(submissionId, issued, phone, postalCode, language, platform, appVersion, style);
        }

        @Override
        public String contentType() {
            return JSON_TYPE;
        }

        @Override
        public byte[] body() {
            ObjectNode body = JSON.createObjectNode().put("submissionId", submissionId).put("installId", installId)
                    .put("language", languageText(language, style)).put("platform", platform.name().toLowerCase(Locale.ROOT))
                    .put("appVersion", appVersion);
            if (phone != null) {
                body.put("phone", Population.written(phone, style));
            }
            if (postalCode != null) {
                body.put("postalCode", postalCode);
            }
            return bytes(body);
        }
    }

    /**
     * One of email (retyped when {@code retypedEmail}) and installId is set: a phone signature is withdrawn through
     * the call menu ({@link Menu}).
     */
    record Withdrawal(String requestId, String email, boolean retypedEmail, String installId, int style)
            implements Request {
        Withdrawal withInstallId(String issued) {
            return new Withdrawal(requestId, email, retypedEmail, issued, style);
        }

        @Override
        public String contentType() {
            return JSON_TYPE;
        }

        @Override
        public byte[] body() {
            ObjectNode body = JSON.createObjectNode().put("requestId", requestId);
            if (email != null) {
                body.put("email", retypedEmail ? retyped(email, style) : email);
            } else {
                body.put("installId", installId);
            }
            return bytes(body);
        }
    }

    /** A webhook the telephony provider posts about a call to the petition number: form fields, signed. */
    sealed interface Webhook extends Request {
        /** The form's fields, in the order the provider writes them. */
        Map<String, String> form();

        @Override
        default String contentType() {
            return FORM_TYPE;
        }

        @Override
        default byte[] body() {
            return formBody(form());
        }
    }

    /** A telephony status callback; {@code timestamp} is the provider's, epoch ms in whole seconds as it writes it. */
    record Call(String callSid, String from, String status, int durationSeconds, long timestamp) implements Webhook {
        private static final DateTimeFormatter RFC_1123 =
                DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).withZone(ZoneOffset.UTC);

        @Override
        public Map<String, String> form() {
            Map<String, String> form = providerForm(callSid, from);
            form.put("CallStatus", status);
            form.put("CallDuration", Integer.toString(durationSeconds));
            form.put("Timestamp", RFC_1123.format(Instant.ofEpochMilli(timestamp)));
            return form;
        }
    }

    /** A caller's key press in the call menu (9: withdraw), posted by the provider like a status callback. */
    record Menu(String callSid, String from, String digits) implements Webhook {
        @Override
        public Map<String, String> form() {
            Map<String, String> form = providerForm(callSid, from);
            form.put("Digits", digits);
            return form;
        }
    }

    /** The fields the telephony provider posts with every webhook of a call to the petition number. */
    private static Map<String, String> providerForm(String callSid, String from) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("CallSid", callSid);
        form.put("AccountSid", "ACsimulator");
        form.put("From", from);
        form.put("To", "+3278151515");
        return form;
    }

    /** A request as bytes, for malformed ones; {@code form} is set for a form body. */
    record Raw(String contentType, byte[] body, Map<String, String> form) implements Request {
    }

    /** nl, NL, nl-BE: as clients send it. */
    private static String languageText(Language language, int style) {
        String code = language.name().toLowerCase(Locale.ROOT);
        return switch (style & 3) {
            case 0 -> language.name();
            case 1 -> code + "-BE";
            default -> code;
        };
    }

    /** The same address as someone might type it again: a +tag, other case with spaces around. */
    private static String retyped(String email, int style) {
        int at = email.indexOf('@');
        String address = email.substring(0, at) + ((style & 32) != 0 ? "+glenn" : "") + email.substring(at);
        return (style & 64) != 0 ? " " + address.toUpperCase(Locale.ROOT) + " " : address;
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] formBody(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}

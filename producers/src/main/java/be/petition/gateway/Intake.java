package be.petition.gateway;

import be.petition.avro.AppPlatform;
import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.CallStatus;
import be.petition.avro.IdentityKind;
import be.petition.avro.Language;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import be.petition.avro.WithdrawalReason;
import be.petition.geography.Regions;
import be.petition.identity.Identity;
import be.petition.identity.InvalidIdentityException;
import be.petition.identity.Phone;
import be.petition.identity.PhoneNumbers;
import be.petition.identity.SignerKey;
import be.petition.region.PhoneRegions;
import be.petition.region.PostalCodes;
import be.petition.topics.Topics;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Turns a request body into the record to produce: validates every field (collecting a reason per field),
 * normalises the identity, replaces it by the signer key and the region, and derives a stable event id. The
 * gateway and the simulator's direct-to-Kafka mode share it, so both write the same records.
 */
public final class Intake {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern CALL_SID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CAMPAIGN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final String REQUEST_ID_RULE = "must be 1 to 128 letters, digits or . _ : -";
    private static final int MAX_APP_VERSION = 32;
    /** A provider's time outside these is a fault, not a call (and far ones overflow millisecond arithmetic). */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    private static final String PHONE_WITHDRAWAL = "a typed phone number proves nothing: to withdraw a signature made"
            + " by phone, call the petition number from that phone and press 9 in the menu";
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no MD5 (every Java SE has it)", e);
        }
    });

    private final SignerKey signerKeys;
    private final String defaultCampaign;
    private final Set<String> campaigns;
    private final LongSupplier clock;

    public Intake(SignerKey signerKeys, String defaultCampaign, Set<String> campaigns, LongSupplier clock) {
        this.signerKeys = signerKeys;
        this.defaultCampaign = defaultCampaign;
        this.campaigns = Set.copyOf(campaigns);
        this.clock = clock;
    }

    public Prepared web(byte[] body) {
        WebForm web = webForm(body);
        return webRecord(web.campaign(), web.submissionId(), signerKeys.of(web.email()), web.email().kind(),
                web.region(), web.language(), web.consent());
    }

    /** A web signature's fields, validated; a typed phone number is not identity nor region: accepted, unread. */
    private record WebForm(String submissionId, String campaign, Identity email, String region, Language language,
                           boolean consent) {
    }

    private WebForm webForm(byte[] body) {
        Fields f = new Fields(parse(body));
        WebForm web = new WebForm(f.requestId("submissionId"), f.campaign(), f.identity("email", true, Identity::email),
                f.postalRegion("postalCode", true), f.language(), f.bool("consent"));
        f.throwIfInvalid();
        return web;
    }

    /**
     * The web record for validated, normalised values: {@link #web(byte[])} ends here, and so does the simulator's
     * direct-to-Kafka path, so both write the same records.
     */
    public Prepared webRecord(String campaign, String submissionId, String signerKey, IdentityKind kind, String region,
                              Language language, boolean consent) {
        long now = clock.getAsLong();
        String eventId = eventId("web", campaign, submissionId);
        WebSignature value = WebSignature.newBuilder().setEventId(eventId).setCampaign(campaign)
                .setSignerKey(signerKey).setIdentityKind(kind).setRegion(region)
                .setLanguage(language).setConsentToContact(consent).setEventTime(Instant.ofEpochMilli(now))
                .setReceivedTime(Instant.ofEpochMilli(now)).build();
        return new Prepared(Endpoint.WEB, Topics.WEB, signerKey, value, eventId, now, "signature");
    }

    public Prepared app(byte[] body) {
        JsonNode json = parse(body);
        Fields f = new Fields(json);
        String submissionId = f.requestId("submissionId");
        String campaign = f.campaign();
        // The install proved itself with its secret (AppInstalls); a typed phone number is neither identity nor region.
        Identity install = f.identity("installId", true, Identity::appInstall);
        String region = f.postalRegion("postalCode", false);
        Language language = f.language();
        AppPlatform platform = f.platform();
        String appVersion = f.optionalText("appVersion", MAX_APP_VERSION);
        f.throwIfInvalid();
        return appRecord(campaign, submissionId, signerKeys.of(install), install.kind(),
                region == null ? Regions.UNKNOWN : region, language, platform, appVersion);
    }

    /** The app record for validated, normalised values (see {@link #webRecord}). */
    public Prepared appRecord(String campaign, String submissionId, String signerKey, IdentityKind kind, String region,
                              Language language, AppPlatform platform, String appVersion) {
        long now = clock.getAsLong();
        String eventId = eventId("app", campaign, submissionId);
        AppSignature value = AppSignature.newBuilder().setEventId(eventId).setCampaign(campaign)
                .setSignerKey(signerKey).setIdentityKind(kind).setRegion(region)
                .setLanguage(language).setPlatform(platform).setAppVersion(appVersion)
                .setEventTime(Instant.ofEpochMilli(now)).setReceivedTime(Instant.ofEpochMilli(now)).build();
        return new Prepared(Endpoint.APP, Topics.APP, signerKey, value, eventId, now, "signature");
    }

    public Prepared withdrawal(byte[] body) {
        JsonNode json = parse(body);
        Fields f = new Fields(json);
        String requestId = f.requestId("requestId");
        String campaign = f.campaign();
        // A withdrawal needs the proof a signature needs: a phone signature is withdrawn from the call menu.
        boolean phone = f.present("phone");
        if (phone) {
            f.errors.put("phone", PHONE_WITHDRAWAL);
        }
        Identity email = f.identity("email", false, Identity::email);
        Identity install = f.identity("installId", false, Identity::appInstall);
        WithdrawalReason reason = f.withdrawalReason();
        if (!phone && email == null && install == null && !f.errors.containsKey("email")
                && !f.errors.containsKey("installId")) {
            f.errors.put("email", "give the e-mail address or the app install id that signed (a signature made by"
                    + " phone is withdrawn by calling the petition number and pressing 9)");
        }
        f.throwIfInvalid();
        Identity identity = email != null ? email : install;
        return withdrawalRecord(campaign, requestId, signerKeys.of(identity), reason);
    }

    /** The withdrawal record for validated, normalised values (see {@link #webRecord}). */
    public Prepared withdrawalRecord(String campaign, String requestId, String signerKey, WithdrawalReason reason) {
        long now = clock.getAsLong();
        String eventId = eventId("withdrawal", campaign, requestId);
        Withdrawal value = Withdrawal.newBuilder().setEventId(eventId).setCampaign(campaign)
                .setSignerKey(signerKey).setReason(reason).setEventTime(Instant.ofEpochMilli(now))
                .setReceivedTime(Instant.ofEpochMilli(now)).build();
        return new Prepared(Endpoint.WITHDRAWAL, Topics.WITHDRAWALS, signerKey, value, eventId, now,
                "withdrawal");
    }

    /**
     * A web signature to confirm by e-mail: validated as {@link #web(byte[])} validates it, but the identity is the
     * address alone, since only the address can be proven (a typed phone number is never read).
     */
    PendingConfirmation pendingWeb(byte[] body) {
        WebForm web = webForm(body);
        return new PendingConfirmation(address(web.email()), new ConfirmationToken.Claims(
                ConfirmationToken.Kind.SIGNATURE, web.campaign(), web.submissionId(), signerKeys.of(web.email()),
                web.region(), web.language(), web.consent(), null, clock.getAsLong()));
    }

    /**
     * A withdrawal to confirm by e-mail, or null when the body names no address or also a phone (another proof or a
     * refusal applies). Its
     * language is the one given, else French: the campaign's first language.
     */
    PendingConfirmation pendingWithdrawal(byte[] body) {
        JsonNode json = parse(body);
        // a typed phone number is refused by withdrawal(), which says how to withdraw by phone
        if (json.get("email") == null || json.get("email").isNull() || json.has("phone")) {
            return null;
        }
        Fields f = new Fields(json);
        String requestId = f.requestId("requestId");
        String campaign = f.campaign();
        Identity email = f.identity("email", true, Identity::email);
        WithdrawalReason reason = f.withdrawalReason();
        Language language = json.get("language") == null ? Language.FR : f.language();
        f.throwIfInvalid();
        return new PendingConfirmation(address(email), new ConfirmationToken.Claims(ConfirmationToken.Kind.WITHDRAWAL,
                campaign, requestId, signerKeys.of(email), null, language, false, reason, clock.getAsLong()));
    }

    /** The event a confirmed token stands for, at the time of confirmation (this intake's clock). */
    Prepared confirmed(ConfirmationToken.Claims claims) {
        return claims.kind() == ConfirmationToken.Kind.SIGNATURE
                ? webRecord(claims.campaign(), claims.id(), claims.signerKey(), IdentityKind.EMAIL, claims.region(),
                        claims.language(), claims.consent())
                : withdrawalRecord(claims.campaign(), claims.id(), claims.signerKey(), claims.reason());
    }

    private static String address(Identity email) {
        return email.canonical().substring("mailto:".length());
    }

    /**
     * The caller chose "withdraw" in the call menu (Twilio's form fields): the withdrawal keyed like their calls, or
     * null when the caller id is withheld or unusable (nothing to withdraw).
     */
    public Prepared menuWithdrawal(Map<String, String> form) {
        String callSid = form.get("CallSid");
        if (callSid == null || callSid.isBlank()) {
            throw invalid(Map.of("CallSid", "is missing"));
        }
        if (!CALL_SID.matcher(callSid).matches()) {
            throw invalid(Map.of("CallSid", "must be 1 to 64 letters, digits, _ or -"));
        }
        Phone phone = callerId(form.get("From"));
        return phone == null ? null : menuWithdrawalRecord(callSid, signerKeys.of(Identity.phone(phone)));
    }

    /** The call menu's withdrawal for validated values (see {@link #webRecord}); one per call, however often posted. */
    public Prepared menuWithdrawalRecord(String callSid, String signerKey) {
        // "/" cannot occur in a client's requestId, so a menu withdrawal's event id is never a JSON request's.
        return withdrawalRecord(defaultCampaign, "menu/" + callSid, signerKey, WithdrawalReason.SIGNER_REQUEST);
    }

    /** A telephony status callback (Twilio's form fields). A hidden or unusable caller id gives a keyless, uncountable call. */
    public Prepared call(Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        String callSid = form.get("CallSid");
        if (callSid == null || callSid.isBlank()) {
            errors.put("CallSid", "is missing");
        } else if (!CALL_SID.matcher(callSid).matches()) {
            errors.put("CallSid", "must be 1 to 64 letters, digits, _ or -");
        }
        CallStatus status = null;
        String rawStatus = form.get("CallStatus");
        if (rawStatus == null || rawStatus.isBlank()) {
            errors.put("CallStatus", "is missing");
        } else {
            status = callStatus(rawStatus);
            if (status == null) {
                errors.put("CallStatus", "must be one of queued, ringing, in-progress, completed, busy, failed,"
                        + " no-answer, canceled");
            }
        }
        int duration = 0;
        String rawDuration = form.get("CallDuration");
        if (rawDuration != null && !rawDuration.isBlank()) {
            try {
                duration = Integer.parseInt(rawDuration.trim());
                if (duration < 0) {
                    errors.put("CallDuration", "must be a whole number of seconds, 0 or more");
                }
            } catch (NumberFormatException e) {
                errors.put("CallDuration", "must be a whole number of seconds, 0 or more");
            }
        }
        Long providerTime = null;
        String rawTimestamp = form.get("Timestamp");
        if (rawTimestamp != null && !rawTimestamp.isBlank()) {
            Instant time = timestamp(rawTimestamp.trim());
            if (time == null) {
                errors.put("Timestamp", "must be a date such as \"Mon, 27 Nov 2023 19:45:01 +0000\" or ISO-8601");
            } else if (time.isBefore(EARLIEST) || !time.isBefore(LATEST)) {
                errors.put("Timestamp", "must be from " + EARLIEST + " up to " + LATEST);
            } else {
                providerTime = time.toEpochMilli();
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Phone phone = callerId(form.get("From"));
        String signerKey = phone == null ? null : signerKeys.of(Identity.phone(phone));
        String region = phone == null ? Regions.UNKNOWN : PhoneRegions.regionOf(phone.parsed());
        return callRecord(callSid, status, duration, signerKey, region, providerTime);
    }

    /** The provider's caller id, or null when it is withheld or unusable. */
    private static Phone callerId(String from) {
        if (PhoneNumbers.isWithheld(from)) {
            return null;
        }
        try {
            return PhoneNumbers.normalise(from);
        } catch (InvalidIdentityException e) {
            // The provider's caller id is what it is: a call from an unusable number cannot be deduplicated,
            // so it is kept like a withheld one rather than lost.
            return null;
        }
    }

    /**
     * The call record for validated values (see {@link #webRecord}): a null signer key is a withheld or unusable
     * caller id; the event time is the provider's when it gave one (null: the gateway's clock).
     */
    public Prepared callRecord(String callSid, CallStatus status, int duration, String signerKey, String region,
                               Long providerTime) {
        long now = clock.getAsLong();
        long eventTime = providerTime == null ? now : providerTime;
        // One call may report several statuses (ringing, then completed): each is its own event, and a
        // redelivery of the same status keeps the same id.
        String eventId = eventId("call", defaultCampaign, callSid + "/" + status);
        CallSignature value = CallSignature.newBuilder().setEventId(eventId).setCampaign(defaultCampaign)
                .setSignerKey(signerKey).setIdentityKind(signerKey == null ? IdentityKind.WITHHELD : IdentityKind.PHONE)
                .setRegion(region).setStatus(status).setDurationSeconds(duration)
                .setEventTime(Instant.ofEpochMilli(eventTime)).setReceivedTime(Instant.ofEpochMilli(now)).build();
        String outcome = signerKey == null ? "withheld"
                : status == CallStatus.IN_PROGRESS || status == CallStatus.COMPLETED ? "signature" : "not_counting";
        return new Prepared(Endpoint.CALL, Topics.CALLS, signerKey, value, eventId, eventTime, outcome);
    }

    /** A name-based UUID of channel, campaign and the client's id: the same submission always gets the same id. */
    public static String eventId(String channel, String campaign, String id) {
        // UUID.nameUUIDFromBytes, with a digest per thread rather than a provider look-up per id
        byte[] md5 = MD5.get().digest((channel + "\n" + campaign + "\n" + id).getBytes(StandardCharsets.UTF_8));
        md5[6] = (byte) (md5[6] & 0x0f | 0x30);
        md5[8] = (byte) (md5[8] & 0x3f | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(md5);
        return new UUID(bits.getLong(), bits.getLong()).toString();
    }

    /** A provider's status text ({@code no-answer}, {@code completed}, ...), or null when it is not one. */
    public static CallStatus callStatus(String raw) {
        String name = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (name.equals("CANCELLED")) {
            name = "CANCELED";
        }
        try {
            CallStatus status = CallStatus.valueOf(name);
            return status == CallStatus.UNKNOWN ? null : status;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant timestamp(String raw) {
        try {
            return OffsetDateTime.parse(raw, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static JsonNode parse(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonParseException e) {
            throw new RejectedRequest(400, "malformed_json", "The body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (JsonProcessingException e) {
            throw new RejectedRequest(400, "malformed_json", "The body is not valid JSON");
        } catch (IOException e) {
            throw new RejectedRequest(400, "malformed_json", "The body could not be read");
        }
        if (json == null || !json.isObject()) {
            throw new RejectedRequest(400, "malformed_json", "The body must be a JSON object");
        }
        return json;
    }

    private static RejectedRequest invalid(Map<String, String> errors) {
        return new RejectedRequest(400, "invalid_field", "Some fields are missing or invalid", errors);
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(String raw);
    }

    /** Reads fields of one JSON body, collecting a reason per bad field. */
    private final class Fields {
        private final JsonNode json;
        private final Map<String, String> errors = new LinkedHashMap<>();

        Fields(JsonNode json) {
            this.json = json;
        }

        /** The field's text; null when absent (or JSON null); records a reason when it is not a string. */
        private String text(String name, boolean required) {
            JsonNode node = json.get(name);
            if (node == null || node.isNull()) {
                if (required) {
                    errors.put(name, "is missing");
                }
                return null;
            }
            if (!node.isTextual()) {
                errors.put(name, "must be a string");
                return null;
            }
            String value = node.textValue();
            if (value.isBlank()) {
                if (required) {
                    errors.put(name, "is empty");
                }
                return null;
            }
            return value;
        }

        /** Whether the body has the field at all (JSON null counts as absent). */
        boolean present(String name) {
            JsonNode node = json.get(name);
            return node != null && !node.isNull();
        }

        String requestId(String name) {
            String value = text(name, true);
            if (value != null && !REQUEST_ID.matcher(value).matches()) {
                errors.put(name, REQUEST_ID_RULE);
                return null;
            }
            return value;
        }

        String campaign() {
            String value = text("campaign", false);
            if (value == null) {
                return errors.containsKey("campaign") ? null : defaultCampaign;
            }
            String campaign = value.trim().toLowerCase(Locale.ROOT);
            if (!CAMPAIGN.matcher(campaign).matches() || !campaigns.contains(campaign)) {
                errors.put("campaign", "is not a campaign of this gateway (" + String.join(", ", campaigns.stream().sorted().toList()) + ")");
                return null;
            }
            return campaign;
        }

        <T> T identity(String name, boolean required, Parser<T> parser) {
            String value = text(name, required);
            if (value == null) {
                return null;
            }
            try {
                return parser.parse(value);
            } catch (InvalidIdentityException e) {
                errors.put(name, e.getMessage());
                return null;
            }
        }

        String postalRegion(String name, boolean required) {
            JsonNode node = json.get(name);
            if (node != null && node.isInt()) {
                // A form may send 1000 rather than "1000".
                return identity(name, required, raw -> PostalCodes.regionOf(Integer.toString(node.intValue())),
                        node.asText());
            }
            return identity(name, required, PostalCodes::regionOf);
        }

        private <T> T identity(String name, boolean required, Parser<T> parser, String value) {
            try {
                return parser.parse(value);
            } catch (InvalidIdentityException e) {
                errors.put(name, e.getMessage());
                return null;
            }
        }

        Language language() {
            String value = text("language", true);
            if (value == null) {
                return Language.UNKNOWN;
            }
            String code = value.trim().toUpperCase(Locale.ROOT);
            int dash = Math.max(code.indexOf('-'), code.indexOf('_'));
            if (dash > 0) {
                code = code.substring(0, dash); // nl-BE, fr_BE
            }
            try {
                Language language = Language.valueOf(code);
                if (language != Language.UNKNOWN) {
                    return language;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            errors.put("language", "must be one of nl, fr, de, en");
            return Language.UNKNOWN;
        }

        AppPlatform platform() {
            String value = text("platform", true);
            if (value == null) {
                return AppPlatform.UNKNOWN;
            }
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "ios" -> AppPlatform.IOS;
                case "android" -> AppPlatform.ANDROID;
                default -> {
                    errors.put("platform", "must be ios or android");
                    yield AppPlatform.UNKNOWN;
                }
            };
        }

        WithdrawalReason withdrawalReason() {
            String value = text("reason", false);
            if (value == null) {
                return WithdrawalReason.SIGNER_REQUEST;
            }
            return switch (value.trim().toUpperCase(Locale.ROOT).replace('-', '_')) {
                case "SIGNER_REQUEST" -> WithdrawalReason.SIGNER_REQUEST;
                case "ERASURE_REQUEST" -> WithdrawalReason.ERASURE_REQUEST;
                default -> {
                    // FRAUD is the campaign's own decision, not something a signer can ask for.
                    errors.put("reason", "must be signer_request or erasure_request");
                    yield WithdrawalReason.SIGNER_REQUEST;
                }
            };
        }

        boolean bool(String name) {
            JsonNode node = json.get(name);
            if (node == null || node.isNull()) {
                return false;
            }
            if (!node.isBoolean()) {
                errors.put(name, "must be true or false");
                return false;
            }
            return node.booleanValue();
        }

        String optionalText(String name, int maxLength) {
            String value = text(name, false);
            if (value != null && value.length() > maxLength) {
                errors.put(name, "must be at most " + maxLength + " characters");
                return null;
            }
            return value;
        }

        void throwIfInvalid() {
            if (!errors.isEmpty()) {
                throw invalid(errors);
            }
        }
    }
}

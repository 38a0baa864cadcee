package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.CallStatus;
import be.petition.avro.IdentityKind;
import be.petition.avro.Language;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import be.petition.config.ServiceConfig;
import be.petition.identity.Identity;
import be.petition.identity.SignerKey;
import be.petition.serde.SpecificAvroDeserializer;
import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import be.petition.topics.Topics;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class GatewayIT {
    static final String PEPPER = "integration-test-pepper-0123456789";
    static final String API_KEY = "test-app-key";
    static final String TOKEN = "test-telephony-token";
    private static GatewayServer gateway;
    private static GatewayClient client;
    private static EmbeddedStack stack;
    private static final SignerKey KEYS = new SignerKey(PEPPER);

    static ServiceConfig config(String bootstrap, String registry, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrap);
        settings.put("schema.registry.url", registry);
        settings.put("pepper", PEPPER);
        settings.put("app.api.key", API_KEY);
        settings.put(GatewayServer.PORT, "0");
        settings.put(GatewayServer.HEALTH_INTERVAL, "500ms");
        settings.putAll(TestMail.gatewaySettings());
        settings.putAll(extra);
        return ServiceConfig.load(GatewayServer.DEFAULTS, null, Map.of(), settings);
    }

    @BeforeAll
    static void start() {
        stack = EmbeddedStackExtension.stack();
        gateway = GatewayServer.start(config(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                Map.of("telephony.token", TOKEN)));
        client = new GatewayClient(gateway.url());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static <T extends SpecificRecord> T single(String topic, String eventId, String expectedKey,
                                                       Class<T> type, String... forbidden) {
        return landed(1, topic, eventId, expectedKey, type, forbidden);
    }

    /** The records with this event id (a re-sent submission lands again, with the same id and key). */
    private static <T extends SpecificRecord> T landed(int count, String topic, String eventId, String expectedKey,
                                                       Class<T> type, String... forbidden) {
        List<ConsumerRecord<byte[], byte[]>> records = RecordReader.withEventId(stack.bootstrapServers(), topic, eventId);
        assertThat(records).hasSize(count);
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(records.get(0).key()));
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertThat(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(expectedKey);
        for (String pii : forbidden) {
            byte[] needle = pii.getBytes(StandardCharsets.UTF_8);
            assertThat(RecordReader.indexOf(record.value(), needle)).as("value holds " + pii).isNegative();
            assertThat(RecordReader.indexOf(record.key(), needle)).as("key holds " + pii).isNegative();
            record.headers().forEach(h -> assertThat(RecordReader.indexOf(h.value(), needle)).isNegative());
        }
        try (SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>(type)) {
            deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
            return deserializer.deserialize(topic, record.value());
        }
    }

    @Test
    void anAppSignatureNeedsTheApiKeyAndIsKeyedByTheInstall() {
        String body = """
                {"submissionId":"app-happy-1","installId":"install-0123456789","postalCode":"3500","language":"NL",
                 "platform":"android","appVersion":"1.4.2"}""";
        assertThat(client.json("/v1/signatures/app", body).status()).isEqualTo(401);
        GatewayClient.Response wrong = client.json("/v1/signatures/app", body, "X-Api-Key", "wrong");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.field("X-Api-Key")).isEqualTo("is not valid");
        GatewayClient.Response response = client.json("/v1/signatures/app", body, "X-Api-Key", API_KEY);
        assertThat(response.status()).isEqualTo(202);
        AppSignature signature = single(Topics.APP.name(), response.json().get("eventId").asText(),
                KEYS.of(Identity.appInstall("install-0123456789")), AppSignature.class, "install-0123456789", "3500");
        assertThat(signature.getIdentityKind()).isEqualTo(IdentityKind.APP_INSTALL);
        assertThat(signature.getRegion()).isEqualTo("BE-VLI");
    }

    private static String form(Map<String, String> params) {
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private static Map<String, List<String>> multi(Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return multi;
    }

    private GatewayClient.Response call(Map<String, String> params) {
        String signature = new TwilioSignature(TOKEN).sign(gateway.url() + "/v1/telephony/calls", multi(params));
        return client.post("/v1/telephony/calls", "application/x-www-form-urlencoded", form(params),
                "X-Twilio-Signature", signature);
    }

    @Test
    void aSignedCallStatusLandsKeyedByTheCaller() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", "CA0123456789abcdef0123456789abcdef");
        params.put("From", "+3225123456");
        params.put("To", "+3278151515");
        params.put("CallStatus", "completed");
        params.put("CallDuration", "95");
        params.put("Timestamp", "Mon, 27 Nov 2023 19:45:01 +0000");
        GatewayClient.Response response = call(params);
        assertThat(response.status()).isEqualTo(202);
        CallSignature signature = single(Topics.CALLS.name(), response.json().get("eventId").asText(),
                KEYS.of(Identity.phone("+3225123456")), CallSignature.class, "25123456", "3225123456");
        assertThat(signature.getRegion()).isEqualTo("BE-BRU");
        assertThat(signature.getStatus()).isEqualTo(CallStatus.COMPLETED);
        assertThat(signature.getDurationSeconds()).isEqualTo(95);
        assertThat(signature.getEventTime().toEpochMilli()).isEqualTo(1701114301000L);
        assertThat(response.json().get("eventTime").asText()).as("a call's event time is the provider's")
                .isEqualTo("2023-11-27T19:45:01.000Z");
    }

    @Test
    void aWithheldCallIsRecordedWithoutKey() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", "CAwithheld0000000000000000000000001");
        params.put("From", "anonymous");
        params.put("CallStatus", "in-progress");
        GatewayClient.Response response = call(params);
        assertThat(response.status()).isEqualTo(202);
        CallSignature signature = single(Topics.CALLS.name(), response.json().get("eventId").asText(), null,
                CallSignature.class);
        assertThat(signature.getSignerKey()).isNull();
        assertThat(signature.getIdentityKind()).isEqualTo(IdentityKind.WITHHELD);
        assertThat(signature.getRegion()).isEqualTo("ZZ");
    }

    @Test
    void telephonyRequestsMustCarryAValidSignature() {
        String body = form(Map.of("CallSid", "CAunsigned", "From", "+3225123456", "CallStatus", "completed"));
        GatewayClient.Response missing = client.post("/v1/telephony/calls", "application/x-www-form-urlencoded", body);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.field("X-Twilio-Signature")).isEqualTo("is missing");
        GatewayClient.Response forged = client.post("/v1/telephony/calls", "application/x-www-form-urlencoded", body,
                "X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl");
        assertThat(forged.status()).isEqualTo(403);
        Map<String, String> badStatus = new LinkedHashMap<>(Map.of("CallSid", "CAbad", "From", "+3225123456",
                "CallStatus", "exploded"));
        GatewayClient.Response invalid = call(badStatus);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.field("CallStatus")).startsWith("must be one of");
    }

    @Test
    void theVoiceWebhookAnswersTwiml() {
        Map<String, String> params = Map.of("CallSid", "CAvoice", "From", "+3225123456");
        String signature = new TwilioSignature(TOKEN).sign(gateway.url() + "/v1/telephony/voice", multi(params));
        GatewayClient.Response response = client.post("/v1/telephony/voice", "application/x-www-form-urlencoded",
                form(params), "X-Twilio-Signature", signature);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(response.body()).contains("<Response>").contains("</Response>");
    }

    @Test
    void aWithdrawalIsKeyedLikeTheSignature() {
        GatewayClient.Response response = client.json("/v1/withdrawals",
                "{\"requestId\":\"wd-1\",\"phone\":\"+32 470 12 34 56\"}");
        assertThat(response.status()).isEqualTo(202);
        Withdrawal withdrawal = single(Topics.WITHDRAWALS.name(), response.json().get("eventId").asText(),
                KEYS.of(Identity.phone("0470123456")), Withdrawal.class, "470123456", "jan@mail.be");
        assertThat(withdrawal.getCampaign()).isEqualTo("glenn-2023");
    }

    @Test
    void badInputGetsItsStatusAndAReasonPerField() {
        GatewayClient.Response malformed = client.json("/v1/signatures/web", "{\"submissionId\": \"x\",");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).contains("not valid JSON");

        GatewayClient.Response notAnObject = client.json("/v1/signatures/web", "[1,2]");
        assertThat(notAnObject.status()).isEqualTo(400);

        GatewayClient.Response invalid = client.json("/v1/signatures/web", """
                {"submissionId":"bad-1","phone":"12","postalCode":"75001","language":"es","consent":"yes"}""");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.field("email")).isEqualTo("is missing");
        assertThat(invalid.field("phone")).contains("phone number");
        assertThat(invalid.field("postalCode")).contains("Belgian postal code");
        assertThat(invalid.field("language")).contains("nl, fr, de, en");
        assertThat(invalid.field("consent")).isEqualTo("must be true or false");
        assertThat(invalid.body()).doesNotContain("75001");

        GatewayClient.Response badEmail = client.json("/v1/signatures/web", """
                {"submissionId":"bad-2","email":"jan(at)mail.be","postalCode":"1000","language":"fr"}""");
        assertThat(badEmail.field("email")).contains("e-mail");
        assertThat(badEmail.body()).doesNotContain("jan(at)mail.be");

        GatewayClient.Response unknownCampaign = client.json("/v1/signatures/web", """
                {"submissionId":"bad-3","email":"jan@mail.be","postalCode":"1000","language":"fr","campaign":"other"}""");
        assertThat(unknownCampaign.field("campaign")).contains("not a campaign");

        GatewayClient.Response noIdentity = client.json("/v1/withdrawals", "{\"requestId\":\"wd-bad\"}");
        assertThat(noIdentity.status()).isEqualTo(400);
        assertThat(noIdentity.field("phone")).contains("e-mail");

        GatewayClient.Response tooLarge = client.json("/v1/signatures/web",
                "{\"submissionId\":\"big\",\"email\":\"" + "a".repeat(20_000) + "@mail.be\"}");
        assertThat(tooLarge.status()).isEqualTo(413);

        GatewayClient.Response wrongType = client.post("/v1/signatures/web", "text/plain", "{}");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.field("Content-Type")).isEqualTo("must be application/json");
        assertThat(client.post("/v1/telephony/calls", "application/json", "{}").status()).isEqualTo(415);

        GatewayClient.Response missingPlatform = client.json("/v1/signatures/app",
                "{\"submissionId\":\"a\",\"installId\":\"install-0123456789\",\"language\":\"fr\"}", "X-Api-Key", API_KEY);
        assertThat(missingPlatform.status()).isEqualTo(400);
        assertThat(missingPlatform.field("platform")).isEqualTo("is missing");
    }

    @Test
    void perIpLimitsAnswer429WithRetryAfterButNeverOnTelephony() {
        try (GatewayServer limited = GatewayServer.start(config(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                Map.of(GatewayServer.LIMITS_ENABLED, "true", GatewayServer.LIMITS_RATE, "0.01",
                        GatewayServer.LIMITS_BURST, "2", GatewayServer.TRUSTED_PROXIES, "127.0.0.1")))) {
            GatewayClient limitedClient = new GatewayClient(limited.url());
            String body = "{\"submissionId\":\"lim\",\"email\":\"lim@mail.be\",\"postalCode\":\"1000\",\"language\":\"fr\"}";
            assertThat(limitedClient.json("/v1/signatures/web", body).status()).isEqualTo(202);
            assertThat(limitedClient.json("/v1/signatures/web", body).status()).isEqualTo(202);
            GatewayClient.Response limitedResponse = limitedClient.json("/v1/signatures/web", body);
            assertThat(limitedResponse.status()).isEqualTo(429);
            assertThat(limitedResponse.headers().firstValue("Retry-After")).isPresent();
            // behind the trusted proxy, another client has its own budget
            assertThat(limitedClient.json("/v1/signatures/web", body, "X-Forwarded-For", "198.51.100.7").status())
                    .isEqualTo(202);
            for (int i = 0; i < 5; i++) {
                GatewayClient.Response call = limitedClient.post("/v1/telephony/calls",
                        "application/x-www-form-urlencoded", "CallSid=CAlimit" + i + "&From=anonymous&CallStatus=completed");
                assertThat(call.status()).isEqualTo(202);
            }
        }
    }

    @Test
    void exposesMetricsAndHealth() {
        assertThat(client.json("/v1/signatures/web", "{").status()).isEqualTo(400);
        GatewayClient.Response noKey = client.json("/v1/signatures/app", "{}");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.json().get("error").asText()).isEqualTo("The X-Api-Key header is missing");
        assertThat(client.post("/v1/telephony/calls", "application/x-www-form-urlencoded", "CallSid=CAnosig")
                .status()).isEqualTo(401);
        assertThat(client.get("/health/live").status()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> client.get("/health/ready").status() == 200);
        String metrics = client.get("/metrics").body();
        assertThat(metrics).contains("petition_gateway_requests_total", "petition_gateway_rejected_input_total",
                "petition_gateway_produce_seconds", "petition_gateway_in_flight_requests", "jvm_memory");
        assertThat(metrics).contains("reason=\"malformed_json\"",
                "petition_gateway_requests_total{channel=\"app\",outcome=\"unauthorized\"}",
                "petition_gateway_rejected_input_total{channel=\"app\",reason=\"missing_api_key\"}",
                "petition_gateway_rejected_input_total{channel=\"call\",reason=\"missing_signature\"}");
    }

    @Test
    void randomJsonBodiesNeverGetA5xx() {
        Random random = new Random(20231127);
        String[] names = {"submissionId", "requestId", "email", "phone", "postalCode", "language", "consent",
                "campaign", "installId", "platform", "appVersion", "reason", "x"};
        String[] paths = {"/v1/signatures/web", "/v1/signatures/app", "/v1/withdrawals"};
        for (int i = 0; i < 150; i++) {
            StringBuilder body = new StringBuilder("{");
            int fields = random.nextInt(8);
            for (int f = 0; f < fields; f++) {
                body.append(f == 0 ? "" : ",").append('"').append(names[random.nextInt(names.length)]).append("\":")
                        .append(randomValue(random, 0));
            }
            body.append(random.nextInt(20) == 0 ? "" : "}");
            if (random.nextInt(10) == 0) {
                // not JSON at all
                body.setLength(0);
                random.ints(random.nextInt(60), 1, 0x2FF).forEach(c -> body.append((char) c));
            }
            String path = paths[random.nextInt(paths.length)];
            GatewayClient.Response response = client.json(path, body.toString(), "X-Api-Key", API_KEY);
            assertThat(response.status()).as(path + " " + body).isLessThan(500);
            assertThat(response.body()).isNotEmpty();
        }
    }

    private static String randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 1 ? 9 : 11)) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> Integer.toString(random.nextInt(20000) - 100);
            case 3 -> Double.toString(random.nextDouble() * 1e6);
            case 4 -> "\"" + List.of("nl", "FR", "de-BE", "xx", "ios", "android", "9000", "1000", "glenn-2023",
                    "0470 12 34 56", "+33612345678", "jan@mail.be", "install-0123456789", "id-" + random.nextInt(50))
                    .get(random.nextInt(14)) + "\"";
            case 5 -> "\"" + "\\u00e9\\n\\\"".repeat(random.nextInt(3)) + random.nextInt() + "\"";
            case 6 -> "\"\"";
            case 7 -> "\"" + "x".repeat(random.nextInt(300)) + "\"";
            case 8 -> "\"\\ud800\"";
            case 9 -> "[" + randomValue(random, depth + 1) + "]";
            default -> "{\"a\":" + randomValue(random, depth + 1) + "}";
        };
    }
}

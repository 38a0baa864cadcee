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
    static final String INSTALL_KEY = "test-app-install-key-0123456789";
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
        settings.put("app.install.key", INSTALL_KEY);
        settings.put(GatewayServer.PORT, "0");
        settings.put(GatewayServer.HEALTH_INTERVAL, "500ms");
        // every test client is 127.0.0.1: limits only where a test turns them on
        settings.put(GatewayServer.LIMITS_ENABLED, "false");
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
void anAppInstallRegistersThenSignsWithItsSecretKeyedByTheInstall() {
        assertThat(client.post("/v1/app/installs", null, "").status()).as("the app's API key first").isEqualTo(401);
        String[] install = install();
        assertThat(install[0]).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(install()[0]).as("every install its own id").isNotEqualTo(install[0]);
        String body = """
                {"submissionId":"app-happy-1","installId":"%s","postalCode":"3500","language":"NL",
                 "platform":"android","appVersion":"1.4.2","phone":"+32470999888"}""".formatted(install[0]);
        assertThat(client.json("/v1/signatures/app", body, "Authorization", "Bearer " + install[1]).status())
                .as("the API key is still needed").isEqualTo(401);
        GatewayClient.Response wrong = client.json("/v1/signatures/app", body, "X-Api-Key", "wrong",
                "Authorization", "Bearer " + install[1]);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.field("X-Api-Key")).isEqualTo("is not valid");
        GatewayClient.Response response = client.json("/v1/signatures/app", body, "X-Api-Key", API_KEY,
                "Authorization", "Bearer " + install[1]);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().get("eventId").asText()).as("the id nothingWritten looks for")
                .isEqualTo(Intake.eventId("app", "glenn-2023", "app-happy-1"));
        AppSignature signature = single(Topics.APP.name(), response.json().get("eventId").asText(),
                KEYS.of(Identity.appInstall(install[0])), AppSignature.class, install[0], install[1], "3500", "470999888");
        assertThat(signature.getIdentityKind()).isEqualTo(IdentityKind.APP_INSTALL);
        assertThat(signature.getRegion()).isEqualTo("BE-VLI");
    }

    @Test
    void anAppSignatureWithoutOrWithAnotherInstallsSecretIsRefusedAndNothingWritten() {
        String[] install = install();
        String[] other = install();
        String body = """
                {"submissionId":"app-unproven-1","installId":"%s","language":"fr","platform":"ios"}"""
                .formatted(install[0]);
        GatewayClient.Response missing = client.json("/v1/signatures/app", body, "X-Api-Key", API_KEY);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(missing.field("Authorization")).startsWith("is missing").contains("POST /v1/app/installs");
        GatewayClient.Response notBearer = client.json("/v1/signatures/app", body, "X-Api-Key", API_KEY,
                "Authorization", "Basic " + install[1]);
        assertThat(notBearer.status()).isEqualTo(401);
        GatewayClient.Response wrong = client.json("/v1/signatures/app", body, "X-Api-Key", API_KEY,
                "Authorization", "Bearer " + other[1]);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().get("error").asText()).contains("does not match");
        assertThat(wrong.field("Authorization")).startsWith("does not match installId");
        assertThat(wrong.body()).doesNotContain(install[0], install[1], other[1]);
        nothingWritten(Topics.APP.name(), "app", "app-unproven-1");
        GatewayClient.Response web = client.json("/v1/signatures/web", """
                {"submissionId":"web-with-install","email":"x@mail.be","postalCode":"1000","language":"fr",
                 "installId":"%s"}""".formatted(install[0]));
        assertThat(web.status()).as("an installId in a web body asks for no secret").isLessThan(300);
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
        return signedWebhook("/v1/telephony/calls", params);
    }

    /** A form posted to a telephony webhook, signed as the provider signs it. */
    private GatewayClient.Response signedWebhook(String path, Map<String, String> params) {
        String signature = new TwilioSignature(TOKEN).sign(gateway.url() + path, multi(params));
        return client.post(path, "application/x-www-form-urlencoded", form(params), "X-Twilio-Signature", signature);
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
        GatewayClient.Response response = signedWebhook("/v1/telephony/voice", params);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(response.body()).startsWith("<?xml").contains("<Response><Say language=\"nl-BE\">Bedankt")
                .contains("<Gather numDigits=\"1\" action=\"" + gateway.url() + "/v1/telephony/menu\" method=\"POST\">")
                .contains("druk op 9", "appuyez sur 9").endsWith("</Gather></Response>");
    }

    @Test
    void theVoiceWebhookSpeaksTheMenuInTheLanguageOfTheNumberDialled() {
        try (GatewayServer configured = GatewayServer.start(config(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                Map.of("telephony.public.url", "https://sign.example.org/", "telephony.story.url",
                        "https://cdn.example.org/glenn.mp3?v=1&l=fr", "telephony.languages", "+3278151516=fr",
                        GatewayServer.TELEPHONY_UNSIGNED, "true")))) {
            GatewayClient.Response response = new GatewayClient(configured.url()).post("/v1/telephony/voice",
                    "application/x-www-form-urlencoded", "CallSid=CAfr&From=%2B3225123456&To=%2B3278151516");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("<Play>https://cdn.example.org/glenn.mp3?v=1&amp;l=fr</Play>",
                    "action=\"https://sign.example.org/v1/telephony/menu\"", "appuyez sur 9").doesNotContain("druk op 9");
        }
    }

    private GatewayClient.Response menu(Map<String, String> params) {
        return signedWebhook("/v1/telephony/menu", params);
    }

    @Test
    void pressingNineWithdrawsTheCallersSignatureOnceKafkaHasIt() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("CallSid", "CAmenu9", "From", "+3225123457",
                "To", "+3278151515", "Digits", "9"));
        GatewayClient.Response response = menu(params);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(response.body()).contains("Uw handtekening is ingetrokken", "Votre signature a été retirée");
        String eventId = response.headers().firstValue("X-Petition-Event-Id").orElseThrow();
        assertThat(eventId).as("the id nothingWritten looks for").isEqualTo(
                Intake.eventId("withdrawal", "glenn-2023", "menu/CAmenu9"));
        Withdrawal withdrawal = single(Topics.WITHDRAWALS.name(), eventId, KEYS.of(Identity.phone("+3225123457")),
                Withdrawal.class, "25123457", "3225123457");
        assertThat(withdrawal.getReason()).isEqualTo(be.petition.avro.WithdrawalReason.SIGNER_REQUEST);
        assertThat(withdrawal.getEventTime()).isEqualTo(java.time.Instant.parse(
                response.headers().firstValue("X-Petition-Event-Time").orElseThrow()));
    }

    @Test
    void anyOtherDigitOrAHiddenNumberChangesNothing() {
        GatewayClient.Response other = menu(Map.of("CallSid", "CAmenu1", "From", "+3225123458", "Digits", "1"));
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body()).contains("Er is niets gewijzigd", "Rien n'a été modifié");
        GatewayClient.Response none = menu(Map.of("CallSid", "CAmenu0", "From", "+3225123458"));
        assertThat(none.body()).contains("Er is niets gewijzigd");
        GatewayClient.Response hidden = menu(Map.of("CallSid", "CAmenuH", "From", "anonymous", "Digits", "9"));
        assertThat(hidden.status()).isEqualTo(200);
        assertThat(hidden.body()).contains("afgeschermd", "masqué");
        for (String callSid : new String[] {"CAmenu1", "CAmenu0", "CAmenuH"}) {
            nothingWritten(Topics.WITHDRAWALS.name(), "withdrawal", "menu/" + callSid);
        }
        GatewayClient.Response noSid = menu(Map.of("From", "+3225123458", "Digits", "9"));
        assertThat(noSid.status()).isEqualTo(400);
        assertThat(noSid.field("CallSid")).isEqualTo("is missing");
    }

    @Test
    void theMenuMustCarryAValidSignature() {
        String body = form(Map.of("CallSid", "CAmenuForged", "From", "+3225123459", "Digits", "9"));
        GatewayClient.Response missing = client.post("/v1/telephony/menu", "application/x-www-form-urlencoded", body);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.field("X-Twilio-Signature")).isEqualTo("is missing");
        String signedForCalls = new TwilioSignature(TOKEN).sign(gateway.url() + "/v1/telephony/calls",
                multi(Map.of("CallSid", "CAmenuForged", "From", "+3225123459", "Digits", "9")));
        GatewayClient.Response forged = client.post("/v1/telephony/menu", "application/x-www-form-urlencoded", body,
                "X-Twilio-Signature", signedForCalls);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.field("X-Twilio-Signature")).isEqualTo("does not match");
        nothingWritten(Topics.WITHDRAWALS.name(), "withdrawal", "menu/CAmenuForged");
    }

    @Test
    void aWithdrawalByPhoneIsRefusedTowardsTheCallMenu() {
        GatewayClient.Response response = client.json("/v1/withdrawals",
                "{\"requestId\":\"wd-phone\",\"phone\":\"+32 470 12 34 56\",\"email\":\"jan@mail.be\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.field("phone")).contains("call the petition number", "press 9");
        assertThat(response.body()).doesNotContain("470", "jan@mail.be");
        nothingWritten(Topics.WITHDRAWALS.name(), "withdrawal", "wd-phone");
    }

    @Test
    void anAppWithdrawalNeedsTheInstallsSecret() {
        String[] install = install();
        String body = "{\"requestId\":\"wd-app-1\",\"installId\":\"" + install[0] + "\"}";
        GatewayClient.Response missing = client.json("/v1/withdrawals", body);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.field("Authorization")).startsWith("is missing");
        assertThat(client.json("/v1/withdrawals", body, "Authorization", "Bearer " + install()[1]).status())
                .isEqualTo(403);
        nothingWritten(Topics.WITHDRAWALS.name(), "withdrawal", "wd-app-1");
        GatewayClient.Response response = client.json("/v1/withdrawals", body, "Authorization", "Bearer " + install[1]);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        single(Topics.WITHDRAWALS.name(), response.json().get("eventId").asText(),
                KEYS.of(Identity.appInstall(install[0])), Withdrawal.class, install[0], install[1]);
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
        assertThat(invalid.field("phone")).as("a typed phone number is ignored, not checked").isNull();
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
        assertThat(noIdentity.field("email")).contains("e-mail");

        GatewayClient.Response tooLarge = client.json("/v1/signatures/web",
                "{\"submissionId\":\"big\",\"email\":\"" + "a".repeat(20_000) + "@mail.be\"}");
        assertThat(tooLarge.status()).isEqualTo(413);

        GatewayClient.Response wrongType = client.post("/v1/signatures/web", "text/plain", "{}");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.field("Content-Type")).isEqualTo("must be application/json");
        assertThat(client.post("/v1/telephony/calls", "application/json", "{}").status()).isEqualTo(415);

        GatewayClient.Response missingPlatform = client.json("/v1/signatures/app",
                "{\"submissionId\":\"a\",\"installId\":\"install-0123456789\",\"language\":\"fr\"}", "X-Api-Key", API_KEY,
                "Authorization", "Bearer " + new InstallSecrets(INSTALL_KEY).secretOf("install-0123456789"));
        assertThat(missingPlatform.status()).isEqualTo(400);
        assertThat(missingPlatform.field("platform")).isEqualTo("is missing");
    }

    @Test
    void perIpLimitsAnswer429WithRetryAfterButNeverOnTelephony() {
        try (GatewayServer limited = GatewayServer.start(config(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                Map.of(GatewayServer.LIMITS_ENABLED, "true", GatewayServer.LIMITS_RATE, "0.01",
                        GatewayServer.LIMITS_BURST, "2", GatewayServer.TRUSTED_PROXIES, "127.0.0.1",
                        GatewayServer.TELEPHONY_UNSIGNED, "true")))) {
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
            // an IPv6 client is its /64: rotating addresses inside it does not buy a new budget
            assertThat(limitedClient.json("/v1/signatures/web", body, "X-Forwarded-For", "2001:db8:7:7::1").status())
                    .isEqualTo(202);
            assertThat(limitedClient.json("/v1/signatures/web", body, "X-Forwarded-For", "2001:db8:7:7::2").status())
                    .isEqualTo(202);
            assertThat(limitedClient.json("/v1/signatures/web", body, "X-Forwarded-For", "2001:db8:7:7:a:b:c:d")
                    .status()).isEqualTo(429);
            assertThat(limitedClient.json("/v1/signatures/web", body, "X-Forwarded-For", "2001:db8:7:8::1").status())
                    .as("the next /64 is another client").isEqualTo(202);
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
        assertThat(client.json("/v1/signatures/app", "{\"installId\":\"install-0123456789\"}", "X-Api-Key", API_KEY)
                .status()).isEqualTo(401);
        install();
        menu(Map.of("CallSid", "CAmetrics", "From", "+3225123458", "Digits", "1"));
        assertThat(client.get("/metrics").body()).contains("petition_gateway_installs_total",
                "petition_gateway_install_secret_refusals_total{channel=\"app\",reason=\"missing\"}",
                "petition_gateway_requests_total{channel=\"install\",outcome=\"accepted\"}",
                "petition_gateway_call_menu_total{outcome=\"other_digit\"}");
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

    @Test
    void aCallFromOutsideTheCenturyIs400NamingTheTimestamp() {
        for (String time : new String[] {"+300000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z"}) {
            GatewayClient.Response response = call(new LinkedHashMap<>(Map.of("CallSid", "CAfar", "From",
                    "+3225123456", "CallStatus", "completed", "Timestamp", time)));
            assertThat(response.status()).as(time).isEqualTo(400);
            assertThat(response.field("Timestamp")).contains("2000-01-01", "2100-01-01");
        }
    }

    @Test
    void randomFormsOnTheWebhooksAndConfirmationNeverGetA5xx() {
        Random random = new Random(20231128);
        String[] names = {"CallSid", "From", "To", "CallStatus", "CallDuration", "Timestamp", "Digits", "token", "x"};
        String[] paths = {"/v1/telephony/calls", "/v1/telephony/voice", "/v1/telephony/menu", "/v1/confirm"};
        for (int i = 0; i < 200; i++) {
            Map<String, String> params = new LinkedHashMap<>();
            int fields = random.nextInt(8);
            for (int f = 0; f < fields; f++) {
                params.put(names[random.nextInt(names.length)], randomFormValue(random));
            }
            String path = paths[random.nextInt(paths.length)];
            GatewayClient.Response response;
            if (random.nextInt(8) == 0) {
                // not a form at all, unsigned
                StringBuilder body = new StringBuilder();
                random.ints(random.nextInt(60), 1, 0x2FF).forEach(c -> body.append((char) c));
                response = client.post(path, "application/x-www-form-urlencoded", body.toString());
            } else {
                // signed as the provider signs, so the fields reach the checks behind the signature
                response = signedWebhook(path, params);
            }
            assertThat(response.status()).as(path + " " + params).isLessThan(500);
            GatewayClient.Response page = client.get("/v1/confirm?token="
                    + URLEncoder.encode(randomFormValue(random), StandardCharsets.UTF_8));
            assertThat(page.status()).isLessThan(500);
        }
    }

    private static String randomFormValue(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> List.of("+300000000-01-01T00:00:00Z", "-999999999-12-31T23:59:59Z", "2023-11-27T19:45:01Z",
                    "Mon, 27 Nov 2023 19:45:01 +0000", "Fri, 31 Dec 9999 23:59:59 -1800", "1e9", "NaN")
                    .get(random.nextInt(7));
            case 1 -> Long.toString(random.nextLong());
            case 2 -> List.of("completed", "in-progress", "CANCELLED", "ringing", "exploded", "").get(random.nextInt(6));
            case 3 -> List.of("+3225123456", "anonymous", "+", "0032", "+999999999999999999999", "266696687")
                    .get(random.nextInt(6));
            case 4 -> Integer.toString(random.nextInt(12) - 1);
            case 5 -> "CA" + Long.toHexString(random.nextLong());
            case 6 -> "x".repeat(random.nextInt(3000));
            default -> {
                StringBuilder text = new StringBuilder();
                random.ints(random.nextInt(40), 1, 0xFFFF).filter(c -> !Character.isSurrogate((char) c))
                        .forEach(c -> text.append((char) c));
                yield text.toString();
            }
        };
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

    /** A new install, as the app registers: {installId, installSecret}. */
    private static String[] install() {
        GatewayClient.Response response = client.post("/v1/app/installs", null, "", "X-Api-Key", API_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        return new String[] {response.json().get("installId").asText(), response.json().get("installSecret").asText()};
    }

    /** Nothing with the event id this request would have had reached the topic. */
    private static void nothingWritten(String topic, String channel, String clientId) {
        assertThat(RecordReader.withEventId(stack.bootstrapServers(), topic, Intake.eventId(channel, "glenn-2023", clientId)))
                .isEmpty();
    }
}

package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.petition.avro.IdentityKind;
import be.petition.avro.Language;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import be.petition.identity.Identity;
import be.petition.identity.SignerKey;
import be.petition.serde.SpecificAvroDeserializer;
import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import be.petition.topics.Topics;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Double opt-in end to end: the gateway, a real SMTP server (GreenMail) and the embedded broker. Nothing reaches Kafka
 * before the link's button is pressed; a bad link is a 4xx page and writes nothing.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ConfirmationIT {
    private static final SignerKey KEYS = new SignerKey(GatewayIT.PEPPER);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static EmbeddedStack stack;
    private static GatewayServer gateway;
    private static GatewayClient client;

    @BeforeAll
    static void start() {
        stack = EmbeddedStackExtension.stack();
        gateway = GatewayServer.start(GatewayIT.config(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                Map.of(GatewayServer.TELEPHONY_UNSIGNED, "true")));
        client = new GatewayClient(gateway.url());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aWebSignatureCountsOnlyOnceTheLinksButtonIsPressed() {
        GatewayClient.Response pending = client.json("/v1/signatures/web", """
                {"submissionId":"confirm-1","email":" Marie.Dubois+petition@Example.org ","phone":"0470 12 34 56",
                 "postalCode":"1000","language":"fr","consent":true}""");
        assertThat(pending.status()).isEqualTo(202);
        assertThat(pending.body()).isEqualTo("{\"status\":\"pending\"}");

        MimeMessage mail = awaitMail("marie.dubois@example.org", 1);
        String text = TestMail.text(mail);
        assertThat(subject(mail)).contains("Confirmez votre signature");
        assertThat(text).contains("116 000", "0800 32 123", "1813", "7 jours");
        String link = TestMail.link(mail);
        assertThat(link).startsWith(gateway.url() + "/v1/confirm?token=");
        assertThat(new String(Base64.getUrlDecoder().decode(token(link).split("\\.")[0]), StandardCharsets.UTF_8))
                .as("the token carries no address nor phone").doesNotContainIgnoringCase("marie")
                .doesNotContain("example", "470");
        String eventId = Intake.eventId("web", "glenn-2023", "confirm-1");

        GatewayClient.Response page = client.get(link.substring(gateway.url().length()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<form method=\"post\" action=\"/v1/confirm\">", "Je confirme ma signature",
                "116 000");
        assertThat(records(Topics.WEB.name(), eventId)).as("opening the link writes nothing").isEmpty();

        Instant pressed = Instant.now();
        GatewayClient.Response confirmed = client.post("/v1/confirm", FORM, "token=" + token(link));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Merci ! Votre signature est confirmée.", "116 000");
        WebSignature signature = value(single(Topics.WEB.name(), eventId), WebSignature.class);
        assertThat(signature.getSignerKey()).isEqualTo(KEYS.of(Identity.email("marie.dubois@example.org")));
        assertThat(signature.getIdentityKind()).as("a typed phone number is no identity").isEqualTo(IdentityKind.EMAIL);
        assertThat(signature.getRegion()).isEqualTo("BE-BRU");
        assertThat(signature.getLanguage()).isEqualTo(Language.FR);
        assertThat(signature.getConsentToContact()).isTrue();
        assertThat(signature.getEventTime()).as("the time of confirmation").isAfterOrEqualTo(pressed.minusMillis(1));

        GatewayClient.Response again = client.post("/v1/confirm", FORM, "token=" + token(link),
                "Accept", "application/json");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("eventId").asText()).as("a second click is the same event").isEqualTo(eventId);
        assertThat(records(Topics.WEB.name(), eventId)).hasSize(2)
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(records(Topics.WEB.name(), eventId).get(0).key()));
        assertThat(client.get("/metrics").body())
                .contains("petition_gateway_confirmations_total{kind=\"signature\",stage=\"pending\"}",
                        "petition_gateway_confirmations_total{kind=\"signature\",stage=\"confirmed\"}",
                        "petition_gateway_mails_total{outcome=\"sent\"}");
    }

    @Test
    void expiredForgedAndUnreadableLinksAreExplained4xxPagesThatWriteNothing() {
        ConfirmationToken sameKey = new ConfirmationToken(TestMail.CONFIRM_KEY, Duration.ofDays(7));
        long eightDaysAgo = System.currentTimeMillis() - Duration.ofDays(8).toMillis();
        String expired = sameKey.issue(new ConfirmationToken.Claims(ConfirmationToken.Kind.SIGNATURE, "glenn-2023",
                "confirm-expired", "key", "BE-BRU", Language.NL, false, null, eightDaysAgo));
        GatewayClient.Response expiredPage = client.post("/v1/confirm", FORM, "token=" + expired);
        assertThat(expiredPage.status()).isEqualTo(410);
        assertThat(client.get("/v1/confirm?token=" + expired).status()).isEqualTo(410);

        client.json("/v1/signatures/web", """
                {"submissionId":"confirm-forged","email":"forged@example.org","postalCode":"9000","language":"nl"}""");
        String token = token(TestMail.link(awaitMail("forged@example.org", 1)));
        // a character inside the payload (the last one may hold only padding bits, which decoding ignores)
        String forged = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        GatewayClient.Response forgedPage = client.post("/v1/confirm", FORM, "token=" + forged,
                "Accept-Language", "nl-BE,nl;q=0.9");
        assertThat(forgedPage.status()).isEqualTo(403);
        assertThat(forgedPage.body()).contains("Deze link is niet geldig", "1813");
        GatewayClient.Response forgedJson = client.json("/v1/confirm", "{\"token\":\"" + forged + "\"}",
                "Accept", "application/json");
        assertThat(forgedJson.status()).isEqualTo(403);
        assertThat(forgedJson.field("token")).isEqualTo("is forged");

        GatewayClient.Response unreadable = client.post("/v1/confirm", FORM, "token=not-a-token");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.body()).contains("incomplet");
        assertThat(client.post("/v1/confirm", FORM, "").status()).isEqualTo(400);
        assertThat(client.get("/v1/confirm").status()).isEqualTo(400);

        assertThat(records(Topics.WEB.name(), Intake.eventId("web", "glenn-2023", "confirm-expired"))).isEmpty();
        assertThat(records(Topics.WEB.name(), Intake.eventId("web", "glenn-2023", "confirm-forged"))).isEmpty();
        assertThat(client.get("/metrics").body()).contains(
                "petition_gateway_confirmations_total{kind=\"signature\",stage=\"expired\"}",
                "petition_gateway_confirmations_total{kind=\"unknown\",stage=\"invalid\"}");
    }

    @Test
    void anEmailWithdrawalIsWrittenOnlyWhenConfirmed() {
        String unconfirmedId = Intake.eventId("withdrawal", "glenn-2023", "wd-mail-1");
        assertThat(client.json("/v1/withdrawals", "{\"requestId\":\"wd-mail-1\",\"email\":\"Jan@Mail.be\"}").status())
                .isEqualTo(202);
        MimeMessage first = awaitMail("jan@mail.be", 1);
        assertThat(subject(first)).contains("retrait");

        assertThat(client.json("/v1/withdrawals",
                "{\"requestId\":\"wd-mail-2\",\"email\":\"jan@mail.be\",\"language\":\"nl\"}").body())
                .isEqualTo("{\"status\":\"pending\"}");
        MimeMessage second = awaitMail("jan@mail.be", 2);
        assertThat(subject(second)).contains("intrekt");
        GatewayClient.Response page = client.get(TestMail.link(second).substring(gateway.url().length()));
        assertThat(page.body()).contains("Ik trek mijn handtekening in");
        assertThat(client.post("/v1/confirm", FORM, "token=" + token(TestMail.link(second))).body())
                .contains("Je handtekening is ingetrokken.");

        Withdrawal withdrawal = value(single(Topics.WITHDRAWALS.name(),
                Intake.eventId("withdrawal", "glenn-2023", "wd-mail-2")), Withdrawal.class);
        assertThat(withdrawal.getSignerKey()).isEqualTo(KEYS.of(Identity.email("jan@mail.be")));
        assertThat(records(Topics.WITHDRAWALS.name(), unconfirmedId)).as("never confirmed").isEmpty();
    }

    @Test
    void thePendingAnswerIsTheSameWhetherOrNotTheAddressSignedBefore() {
        String body = "{\"submissionId\":\"%s\",\"email\":\"%s\",\"postalCode\":\"4000\",\"language\":\"fr\"}";
        client.json("/v1/signatures/web", body.formatted("privacy-0", "known@example.org"));
        String link = TestMail.link(awaitMail("known@example.org", 1));
        assertThat(client.post("/v1/confirm", FORM, "token=" + token(link)).status()).isEqualTo(200);

        GatewayClient.Response signedBefore = client.json("/v1/signatures/web", body.formatted("privacy-1", "known@example.org"));
        GatewayClient.Response neverSigned = client.json("/v1/signatures/web", body.formatted("privacy-2", "unknown@example.org"));
        assertThat(signedBefore.status()).isEqualTo(neverSigned.status()).isEqualTo(202);
        assertThat(signedBefore.body()).isEqualTo(neverSigned.body());
        assertThat(signedBefore.headers().map().keySet()).isEqualTo(neverSigned.headers().map().keySet());
    }

    /**
     * An SMTP server that accepts connections and never answers holds the one mail thread; the queue of one then
     * fills and the next request gets 503. Once the server is gone, every attempt fails: a metric, no 5xx, nothing
     * in Kafka.
     */
    @Test
    void aMailServerThatIsDownLeavesTheSignaturePendingAndFullQueuesAnswer503() throws Exception {
        AtomicReference<Socket> held = new AtomicReference<>();
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    held.set(silent.accept());
                } catch (java.io.IOException e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (GatewayServer down = GatewayServer.start(GatewayIT.config(stack.bootstrapServers(),
                    stack.schemaRegistryUrl(), Map.of("mail.smtp.port", Integer.toString(silent.getLocalPort()),
                            "mail.queue.capacity", "1", "mail.send.threads", "1", "mail.send.attempts", "2",
                            "mail.retry.backoff", "10ms", "mail.timeout", "60s",
                            GatewayServer.TELEPHONY_UNSIGNED, "true")))) {
                GatewayClient downClient = new GatewayClient(down.url());
                String body = "{\"submissionId\":\"down-%d\",\"email\":\"down@example.org\",\"postalCode\":\"1000\","
                        + "\"language\":\"fr\"}";
                assertThat(downClient.json("/v1/signatures/web", body.formatted(1)).status()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(20)).until(() -> held.get() != null);
                assertThat(downClient.json("/v1/signatures/web", body.formatted(2)).status())
                        .as("queued behind the stuck mail").isEqualTo(202);
                GatewayClient.Response full = downClient.json("/v1/signatures/web", body.formatted(3));
                assertThat(full.status()).isEqualTo(503);
                assertThat(full.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(full.json().get("error").asText()).contains("try again");

                silent.close(); // first, so the retry finds no server rather than another silent connection
                held.get().close();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> downClient.get("/metrics").body().contains("petition_gateway_mails_total{outcome=\"failed\"} 2.0"));
                assertThat(downClient.get("/metrics").body()).doesNotContain("outcome=\"sent\"");
                for (int i = 1; i <= 3; i++) {
                    assertThat(records(Topics.WEB.name(), Intake.eventId("web", "glenn-2023", "down-" + i))).isEmpty();
                }
            }
        }
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage awaitMail(String address, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.mailsTo(address).size() >= count);
        return TestMail.mailsTo(address).get(count - 1);
    }

    private static String token(String link) {
        return URLEncoder.encode(TestMail.token(link), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(String topic, String eventId) {
        return RecordReader.withEventId(stack.bootstrapServers(), topic, eventId);
    }

    private static ConsumerRecord<byte[], byte[]> single(String topic, String eventId) {
        List<ConsumerRecord<byte[], byte[]>> found = records(topic, eventId);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static <T extends SpecificRecord> T value(ConsumerRecord<byte[], byte[]> record, Class<T> type) {
        try (SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>(type)) {
            deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
            return deserializer.deserialize("t", record.value());
        }
    }
}

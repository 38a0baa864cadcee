package be.petition.registry.server;

import static be.petition.registry.server.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.Withdrawal;
import be.petition.avro.WithdrawalReason;
import be.petition.config.ServiceConfig;
import be.petition.registry.client.RegistryClientException;
import be.petition.registry.client.RestSchemaRegistryClient;
import be.petition.registry.server.RegistryHttp.Answer;
import be.petition.serde.AvroSerdeConfig;
import be.petition.serde.SpecificAvroDeserializer;
import be.petition.serde.SpecificAvroSerializer;
import be.petition.stack.EmbeddedStackExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A registry with registry.auth.enabled: who may read, who may change, and the project's client through it. */
@ExtendWith(EmbeddedStackExtension.class)
class RegistryAuthIT {
    static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
    static final String READER_PASSWORD = "reader-" + UUID.randomUUID();

    @TempDir
    static Path dir;
    static RegistryServer registry;

    RegistryHttp anonymous;
    RegistryHttp reader;
    RegistryHttp admin;
    String subject;

    @BeforeAll
    static void startWithAuth() throws IOException {
        // few iterations: the test is about who gets in, not about the hash's cost
        Path users = Files.write(dir.resolve("registry-users.properties"), List.of(
                "admin: " + PasswordHash.create(ADMIN_PASSWORD.toCharArray(), 1000) + ", admin",
                "reader: " + PasswordHash.create(READER_PASSWORD.toCharArray(), 1000) + ", readonly"));
        registry = RegistryServer.start(ServiceConfig.load(RegistryServer.DEFAULTS, null, Map.of(), Map.of(
                "kafka.bootstrap.servers", EmbeddedStackExtension.stack().bootstrapServers(),
                RegistryServer.PORT, "0",
                RegistryServer.TOPIC, "_schemas-auth-" + UUID.randomUUID(),
                RegistryServer.AUTH_ENABLED, "true",
                RegistryServer.AUTH_USERS_FILE, users.toString())));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @BeforeEach
    void clients() {
        anonymous = new RegistryHttp(registry.url());
        reader = RegistryHttp.as(registry.url(), "reader", READER_PASSWORD);
        admin = RegistryHttp.as(registry.url(), "admin", ADMIN_PASSWORD);
        subject = "auth-" + UUID.randomUUID() + "-value";
    }

    @Test
    void withoutGoodCredentialsEveryRequestIs401() {
        for (Answer answer : List.of(anonymous.get("/subjects"), anonymous.get("/no/such/path"),
                anonymous.post("/subjects/" + subject + "/versions", schemaBody(RegistryApiIT.V1)),
                RegistryHttp.as(registry.url(), "reader", ADMIN_PASSWORD).get("/subjects"),
                RegistryHttp.as(registry.url(), "nobody", READER_PASSWORD).get("/subjects"))) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.errorCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Basic"));
        }
        assertThat(admin.get("/subjects").text()).doesNotContain(subject);
    }

    @Test
    void aReadOnlyUserReadsButChangesNothing() {
        int id = admin.post("/subjects/" + subject + "/versions", schemaBody(RegistryApiIT.V1)).json().path("id").asInt();

        assertThat(reader.get("/subjects").text()).contains(subject);
        assertThat(reader.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(reader.get("/config").status()).isEqualTo(200);
        // a lookup and a compatibility check are reads, though POSTs
        assertThat(reader.post("/subjects/" + subject, schemaBody(RegistryApiIT.V1)).json().path("id").asInt()).isEqualTo(id);
        assertThat(reader.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(RegistryApiIT.V2))
                .status()).isEqualTo(200);

        for (Answer refused : List.of(
                reader.post("/subjects/" + subject + "/versions", schemaBody(RegistryApiIT.V2)),
                reader.delete("/subjects/" + subject),
                reader.delete("/subjects/" + subject + "/versions/1"),
                reader.put("/config", "{\"compatibility\":\"NONE\"}"),
                reader.put("/config/" + subject, "{\"compatibility\":\"NONE\"}"),
                reader.delete("/config"),
                reader.put("/mode", "{\"mode\":\"READONLY\"}"))) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo(40301);
        }
        assertThat(admin.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1]");
        assertThat(admin.get("/config").json().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void anAdminChangesThings() {
        assertThat(admin.post("/subjects/" + subject + "/versions", schemaBody(RegistryApiIT.V1)).status()).isEqualTo(200);
        assertThat(admin.put("/config/" + subject, "{\"compatibility\":\"NONE\"}").status()).isEqualTo(200);
        assertThat(admin.delete("/subjects/" + subject).status()).isEqualTo(200);
        assertThat(admin.delete("/subjects/" + subject + "?permanent=true").status()).isEqualTo(200);
    }

    @Test
    void readOnlyModeRefusesEveryChangeUntilAnAdminEndsIt() {
        admin.post("/subjects/" + subject + "/versions", schemaBody(RegistryApiIT.V1));
        assertThat(admin.put("/mode/" + subject, "{\"mode\":\"READONLY\"}").json().path("mode").asText())
                .isEqualTo("READONLY");
        assertThat(reader.get("/mode/" + subject).json().path("mode").asText()).isEqualTo("READONLY");

        for (Answer refused : List.of(
                admin.post("/subjects/" + subject + "/versions", schemaBody(RegistryApiIT.V2)),
                admin.delete("/subjects/" + subject + "/versions/1"),
                admin.delete("/subjects/" + subject),
                admin.put("/config/" + subject, "{\"compatibility\":\"NONE\"}"))) {
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.errorCode()).isEqualTo(42205);
            assertThat(refused.json().path("message").asText()).isEqualTo("Subject " + subject + " is in read-only mode");
        }
        assertThat(admin.put("/mode/" + subject, "{\"mode\":\"IMPORT\"}").errorCode()).isEqualTo(42204);

        assertThat(admin.delete("/mode/" + subject).json().path("mode").asText()).isEqualTo("READONLY");
        assertThat(admin.get("/mode/" + subject).errorCode()).isEqualTo(40409);
        assertThat(admin.get("/mode/" + subject + "?defaultToGlobal=true").json().path("mode").asText())
                .isEqualTo("READWRITE");
        assertThat(admin.post("/subjects/" + subject + "/versions", schemaBody(RegistryApiIT.V2)).status()).isEqualTo(200);
    }

    @Test
    void theProjectsClientAndSerdeWorkWithBasicAuthSettings() {
        Map<String, Object> settings = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, "admin:" + ADMIN_PASSWORD);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Withdrawal withdrawal = Withdrawal.newBuilder().setEventId(UUID.randomUUID().toString())
                .setSignerKey("signer-key").setReason(WithdrawalReason.SIGNER_REQUEST)
                .setEventTime(now).setReceivedTime(now).build();
        String topic = "auth-" + UUID.randomUUID();

        byte[] bytes;
        try (SpecificAvroSerializer<Withdrawal> serializer = new SpecificAvroSerializer<>()) {
            serializer.configure(settings, false);
            bytes = serializer.serialize(topic, withdrawal);
        }
        try (SpecificAvroDeserializer<Withdrawal> deserializer = new SpecificAvroDeserializer<>(Withdrawal.class)) {
            deserializer.configure(settings, false);
            assertThat(deserializer.deserialize(topic, bytes)).isEqualTo(withdrawal);
        }
        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(new AvroSerdeConfig(settings))) {
            int id = client.register(topic + "-key", Withdrawal.getClassSchema());
            assertThat(client.schemaById(id)).isEqualTo(Withdrawal.getClassSchema());
        }

        Map<String, Object> readOnly = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, "reader:" + READER_PASSWORD);
        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(new AvroSerdeConfig(readOnly))) {
            assertThat(client.latest(topic + "-value").schema()).isEqualTo(Withdrawal.getClassSchema());
            assertThatThrownBy(() -> client.register(topic + "-other", Withdrawal.getClassSchema()))
                    .isInstanceOfSatisfying(RegistryClientException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));
        }
        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(new AvroSerdeConfig(
                Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url())))) {
            assertThatThrownBy(() -> client.latest(topic + "-value"))
                    .isInstanceOfSatisfying(RegistryClientException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
        }
    }
}

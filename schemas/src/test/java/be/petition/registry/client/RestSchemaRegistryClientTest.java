package be.petition.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.Signature;
import be.petition.serde.AvroSerdeConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SIGNATURE = Signature.getClassSchema();
    private static final String SUBJECT = "signatures.accepted.v1-value";

    private ScriptedRegistry registry;

    @BeforeEach
    void start() throws IOException {
        registry = new ScriptedRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private static RestSchemaRegistryClient client(String url, String... settings) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", url);
        config.put("retries.wait.ms", "1");
        config.put("retries.max.wait.ms", "5");
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return new RestSchemaRegistryClient(new AvroSerdeConfig(config));
    }

    private static String schemaAnswer(Schema schema, int id, int version) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("subject", SUBJECT);
        answer.put("id", id);
        answer.put("version", version);
        answer.put("schema", schema.toString());
        return answer.toString();
    }

    /** A port nothing listens on: bound once, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void registerPostsTheSchemaInConfluentsFormat() throws IOException {
        registry.then(200, "{\"id\":7}");

        int id = client(registry.url()).register(SUBJECT, SIGNATURE);

        assertThat(id).isEqualTo(7);
        ScriptedRegistry.Request request = registry.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/subjects/signatures.accepted.v1-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(new Schema.Parser().parse(JSON.readTree(request.body()).path("schema").asText()))
                .isEqualTo(SIGNATURE);
        assertThat(request.authorization()).isNull();
    }

    @Test
    void subjectsAreEscapedInThePath() {
        registry.then(200, "{\"id\":3}");

        client(registry.url()).register("odd subject/with slash", SIGNATURE);

        assertThat(registry.requests.get(0).path()).isEqualTo("/subjects/odd%20subject%2Fwith%20slash/versions");
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() {
        registry.then(500, "{\"error_code\":50001,\"message\":\"Error in the backend datastore\"}")
                .then(200, "{\"id\":11}");

        int id = client(registry.url(), "max.retries", "3").register(SUBJECT, SIGNATURE);

        assertThat(id).isEqualTo(11);
        assertThat(registry.requests).hasSize(2);
    }

    @Test
    void pingAsksOnceWithoutRetrying() {
        registry.then(200, "{\"compatibilityLevel\":\"BACKWARD\"}")
                .otherwise(request -> new ScriptedRegistry.Answer(503, "{\"error_code\":50003,\"message\":\"down\"}"));
        RestSchemaRegistryClient client = client(registry.url(), "max.retries", "5");

        client.ping();
        assertThatThrownBy(client::ping).isInstanceOf(RegistryClientException.class).hasMessageContaining("HTTP 503");
        assertThat(registry.requests).hasSize(2).allSatisfy(r -> assertThat(r.path()).isEqualTo("/config"));
    }

    @Test
    void persistentServerErrorGivesUpAfterTheRetriesWithTheRegistrysMessage() {
        registry.otherwise(request -> new ScriptedRegistry.Answer(503,
                "{\"error_code\":50003,\"message\":\"Error while forwarding the request to the leader\"}"));

        assertThatThrownBy(() -> client(registry.url(), "max.retries", "2").register(SUBJECT, SIGNATURE))
                .isInstanceOfSatisfying(RegistryClientException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo(50003);
                })
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("3 time(s)")
                .hasMessageContaining("forwarding the request to the leader");
        assertThat(registry.requests).hasSize(3);
    }

    @Test
    void refusedConnectionIsUnreachableNamingTheUrlButNotTheCredentials() throws IOException {
        int port = closedPort();
        RestSchemaRegistryClient client = client("http://petition:s3cret-pw@127.0.0.1:" + port,
                "basic.auth.credentials.source", "URL", "max.retries", "2");

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(RegistryClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RegistryClientException.UNREACHABLE))
                .hasMessageContaining("unreachable")
                .hasMessageContaining("http://127.0.0.1:" + port)
                .hasMessageContaining("3 time(s)")
                .hasMessageNotContaining("s3cret-pw")
                .hasMessageNotContaining("petition:");
    }

    @Test
    void unauthorizedTalksAboutCredentialsWithoutRetryingOrLeakingThem() {
        registry.then(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
        RestSchemaRegistryClient client = client(registry.url(), "basic.auth.user.info", "petition:s3cret-pw");

        assertThatThrownBy(() -> client.register(SUBJECT, SIGNATURE))
                .isInstanceOfSatisfying(RegistryClientException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(401))
                .hasMessageContaining("refused the credentials")
                .hasMessageContaining("basic.auth.user.info")
                .hasMessageNotContaining("s3cret-pw");
        assertThat(registry.requests).hasSize(1);
    }

    @Test
    void incompatibleSchemaCarriesTheRegistrysMessage() {
        registry.then(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an"
                + " earlier schema for subject \\\"signatures.accepted.v1-value\\\", details: [READER_FIELD_MISSING_DEFAULT_VALUE]\"}");

        assertThatThrownBy(() -> client(registry.url()).register(SUBJECT, SIGNATURE))
                .isInstanceOfSatisfying(RegistryClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RegistryClientException.INCOMPATIBLE_SCHEMA))
                .hasMessageContaining("incompatible")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(registry.requests).hasSize(1);
    }

    @Test
    void confluentErrorBodiesBecomeErrorCodes() {
        registry.then(404, "{\"error_code\":40401,\"message\":\"Subject 'nope-value' not found.\"}")
                .then(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
        RestSchemaRegistryClient client = client(registry.url());

        assertThatThrownBy(() -> client.latest("nope-value"))
                .isInstanceOfSatisfying(RegistryClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RegistryClientException.SUBJECT_NOT_FOUND))
                .hasMessageContaining("Subject 'nope-value' not found.");
        assertThatThrownBy(() -> client.register(SUBJECT, SIGNATURE))
                .isInstanceOfSatisfying(RegistryClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RegistryClientException.INVALID_SCHEMA))
                .hasMessageContaining("rejected the schema as invalid: Invalid schema");
    }

    @Test
    void unknownSchemaIdSaysSo() {
        registry.then(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");

        assertThatThrownBy(() -> client(registry.url()).schemaById(99))
                .isInstanceOfSatisfying(RegistryClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RegistryClientException.SCHEMA_NOT_FOUND))
                .hasMessageContaining("Unknown schema id 99")
                .hasMessageContaining(registry.url());
    }

    @Test
    void aPageThatIsNoRegistryIsPointedOut() {
        registry.then(404, "<html><body><h1>Not Found</h1></body></html>");

        assertThatThrownBy(() -> client(registry.url()).latest(SUBJECT))
                .isInstanceOf(RegistryClientException.class)
                .hasMessageContaining("Does schema.registry.url point at a Schema Registry?");
    }

    @Test
    void otherSchemaTypesAreRefused() {
        registry.then(200, "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}");

        assertThatThrownBy(() -> client(registry.url()).schemaById(5))
                .isInstanceOf(RegistryClientException.class)
                .hasMessageContaining("PROTOBUF schema, not Avro");
    }

    @Test
    void basicAuthFromUserInfoIsSent() {
        registry.then(200, "{\"id\":1}");

        client(registry.url(), "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "petition:s3cret-pw").register(SUBJECT, SIGNATURE);

        assertThat(registry.requests.get(0).authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("petition:s3cret-pw".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void basicAuthFromTheUrlIsSentAndTheUrlShownWithout() {
        registry.then(200, "{\"id\":1}");
        String url = registry.url().replace("http://", "http://petition:s3cret-pw@");
        RestSchemaRegistryClient client = client(url, "basic.auth.credentials.source", "URL");

        client.register(SUBJECT, SIGNATURE);

        assertThat(registry.requests.get(0).authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("petition:s3cret-pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.describe()).isEqualTo("Schema Registry at " + registry.url())
                .doesNotContain("s3cret-pw");
    }

    @Test
    void schemasAndIdsAreCached() {
        registry.then(200, "{\"id\":21}")
                .then(200, schemaAnswer(SIGNATURE, 22, 2));
        RestSchemaRegistryClient client = client(registry.url());

        assertThat(client.register(SUBJECT, SIGNATURE)).isEqualTo(21);
        assertThat(client.register(SUBJECT, SIGNATURE)).isEqualTo(21);
        assertThat(client.idOf(SUBJECT, SIGNATURE)).isEqualTo(21);
        assertThat(client.schemaById(21)).isEqualTo(SIGNATURE);
        assertThat(registry.requests).hasSize(1);

        assertThat(client.schemaById(22)).isEqualTo(SIGNATURE);
        assertThat(client.schemaById(22)).isEqualTo(SIGNATURE);
        assertThat(registry.requests).hasSize(2);
        assertThat(registry.requests.get(1).path()).isEqualTo("/schemas/ids/22");
    }

    @Test
    void lookupAndLatestUseTheirEndpoints() {
        registry.then(200, schemaAnswer(SIGNATURE, 4, 3))
                .then(200, schemaAnswer(SIGNATURE, 4, 3));
        RestSchemaRegistryClient client = client(registry.url());

        assertThat(client.idOf(SUBJECT, SIGNATURE)).isEqualTo(4);
        RegisteredSchema latest = client.latest(SUBJECT);

        assertThat(latest).isEqualTo(new RegisteredSchema(SUBJECT, 3, 4, SIGNATURE));
        assertThat(registry.requests).extracting(ScriptedRegistry.Request::path)
                .containsExactly("/subjects/" + SUBJECT, "/subjects/" + SUBJECT + "/versions/latest");
    }

    @Test
    void compatibilityAnswersAndAMissingSubjectIsCompatible() {
        registry.then(200, "{\"is_compatible\":false}")
                .then(404, "{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}");
        RestSchemaRegistryClient client = client(registry.url());

        assertThat(client.isCompatible(SUBJECT, SIGNATURE)).isFalse();
        assertThat(client.isCompatible("x", SIGNATURE)).isTrue();
        assertThat(registry.requests.get(0).path())
                .isEqualTo("/compatibility/subjects/" + SUBJECT + "/versions/latest");
    }

    @Test
    void failsOverWhenTheFirstUrlRefusesConnections() throws IOException {
        try (ScriptedRegistry second = new ScriptedRegistry()) {
            second.otherwise(request -> new ScriptedRegistry.Answer(200, schemaAnswer(SIGNATURE, 1, 1)));
            RestSchemaRegistryClient client = client("http://127.0.0.1:" + closedPort() + ", " + second.url(),
                    "max.retries", "0");

            assertThat(client.schemaById(1)).isEqualTo(SIGNATURE);
            assertThat(client.schemaById(2)).isEqualTo(SIGNATURE);

            assertThat(second.requests).hasSize(2);
        }
    }

    @Test
    void failsOverFromAServerErrorToTheNextUrl() throws IOException {
        registry.otherwise(request -> new ScriptedRegistry.Answer(503, ""));
        try (ScriptedRegistry second = new ScriptedRegistry()) {
            second.otherwise(request -> new ScriptedRegistry.Answer(200, schemaAnswer(SIGNATURE, 1, 1)));
            RestSchemaRegistryClient client = client(registry.url() + "," + second.url(), "max.retries", "0");

            client.schemaById(1);
            client.schemaById(2);

            assertThat(registry.requests).hasSize(1);
            assertThat(second.requests).hasSize(2);
        }
    }

    @Test
    void badUrlsAreRefusedWithoutShowingCredentials() {
        assertThatThrownBy(() -> client("ftp://user:pw-123@registry:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be http://host:port or https://host:port")
                .hasMessageNotContaining("pw-123");
        assertThatThrownBy(() -> client("http://user:pw 123@registry:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw 123");
    }

    @Test
    void aMissingTrustStoreIsAClearError() {
        assertThatThrownBy(() -> client("https://registry:8081",
                "schema.registry.ssl.truststore.location", "/nonexistent/truststore.p12",
                "schema.registry.ssl.truststore.password", "changeit"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot set up TLS")
                .hasMessageContaining("schema.registry.ssl.");
    }
}

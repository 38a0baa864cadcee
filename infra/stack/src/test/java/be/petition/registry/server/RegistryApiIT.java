package be.petition.registry.server;

import static be.petition.registry.server.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import be.petition.registry.server.RegistryHttp.Answer;
import be.petition.stack.EmbeddedStackExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Confluent REST API, as Confluent's clients and tools use it, against the registry on a real broker. */
@ExtendWith(EmbeddedStackExtension.class)
class RegistryApiIT {
    static final String V1 = "{\"type\":\"record\",\"name\":\"Pledge\",\"namespace\":\"test\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"string\"}]}";
    /** v1 plus a field with a default: backward and forward compatible with v1. */
    static final String V2 = "{\"type\":\"record\",\"name\":\"Pledge\",\"namespace\":\"test\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}";
    /** v2 with b's default removed: backward compatible with v2 only (v1 data has no b). */
    static final String V3 = "{\"type\":\"record\",\"name\":\"Pledge\",\"namespace\":\"test\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}]}";
    /** a changes type: incompatible with everything above. */
    static final String BROKEN = "{\"type\":\"record\",\"name\":\"Pledge\",\"namespace\":\"test\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"int\"}]}";

    RegistryHttp http;
    String subject;

    @BeforeEach
    void connect() {
        http = new RegistryHttp(EmbeddedStackExtension.stack().schemaRegistryUrl());
        subject = "pledge-" + UUID.randomUUID() + "-value";
    }

    @Test
    void registersLooksUpAndServesVersionsAndIds() {
        Answer first = http.post("/subjects/" + subject + "/versions", schemaBody(V1));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
        int id1 = first.json().path("id").asInt();
        assertThat(id1).isPositive();

        // same schema, same subject: same id, no new version
        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(V1)).json().path("id").asInt()).isEqualTo(id1);
        int id2 = http.post("/subjects/" + subject + "/versions", schemaBody(V2)).json().path("id").asInt();
        assertThat(id2).isGreaterThan(id1);
        // same schema under another subject: the id is global
        String other = subject + "-copy";
        Answer elsewhere = http.post("/subjects/" + other + "/versions",
                "{\"schemaType\":\"AVRO\",\"schema\":" + RegistryHttp.JSON.valueToTree(V1) + "}");
        assertThat(elsewhere.json().path("id").asInt()).isEqualTo(id1);

        assertThat(http.get("/subjects").json().toString()).contains(subject, other);
        assertThat(http.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1,2]");
        Answer latest = http.get("/subjects/" + subject + "/versions/latest");
        assertThat(latest.json().path("version").asInt()).isEqualTo(2);
        assertThat(latest.json().path("id").asInt()).isEqualTo(id2);
        assertThat(latest.json().path("subject").asText()).isEqualTo(subject);
        assertThat(http.get("/subjects/" + subject + "/versions/-1").json().path("version").asInt()).isEqualTo(2);
        assertThat(http.get("/subjects/" + subject + "/versions/1").json().path("id").asInt()).isEqualTo(id1);
        assertThat(http.get("/subjects/" + subject + "/versions/1/schema").json().path("name").asText()).isEqualTo("Pledge");

        Answer lookup = http.post("/subjects/" + subject, schemaBody(V2));
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.json().path("version").asInt()).isEqualTo(2);
        assertThat(lookup.json().path("id").asInt()).isEqualTo(id2);

        Answer byId = http.get("/schemas/ids/" + id1);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().path("schema").asText()).contains("\"Pledge\"");
        assertThat(byId.json().has("schemaType")).isFalse(); // Confluent leaves it out for Avro
        assertThat(http.get("/schemas/ids/" + id1 + "/versions").json().toString())
                .contains("{\"subject\":\"" + subject + "\",\"version\":1}", "{\"subject\":\"" + other + "\",\"version\":1}");
        assertThat(http.get("/schemas/types").json().toString()).isEqualTo("[\"AVRO\"]");
        assertThat(http.get("/mode").json().path("mode").asText()).isEqualTo("READWRITE");
        assertThat(http.get("/").json().toString()).isEqualTo("{}");
        // unknown query parameters are ignored
        assertThat(http.get("/subjects/" + subject + "/versions?whatever=1").status()).isEqualTo(200);
    }

    @Test
    void softThenPermanentDeletes() {
        // a schema of this test only, so no other subject keeps its id alive
        String own = V2.replace("\"test\"", "\"test.t" + UUID.randomUUID().toString().replace("-", "") + "\"");
        http.post("/subjects/" + subject + "/versions", schemaBody(V1));
        int id2 = http.post("/subjects/" + subject + "/versions", schemaBody(own)).json().path("id").asInt();

        assertThat(http.delete("/subjects/" + subject + "/versions/1?permanent=true").errorCode()).isEqualTo(40407);
        Answer version = http.delete("/subjects/" + subject + "/versions/1");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.text()).isEqualTo("1");
        assertThat(http.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[2]");
        assertThat(http.get("/subjects/" + subject + "/versions/1").errorCode()).isEqualTo(40402);
        assertThat(http.get("/subjects/" + subject + "/versions/1?deleted=true").status()).isEqualTo(200);
        assertThat(http.delete("/subjects/" + subject + "/versions/1").errorCode()).isEqualTo(40406);

        assertThat(http.delete("/subjects/" + subject + "?permanent=true").errorCode()).isEqualTo(40405);
        Answer subjectDeleted = http.delete("/subjects/" + subject);
        assertThat(subjectDeleted.json().toString()).isEqualTo("[2]");
        assertThat(http.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);
        assertThat(http.get("/subjects").text()).doesNotContain(subject);
        assertThat(http.get("/subjects?deleted=true").text()).contains(subject);
        assertThat(http.delete("/subjects/" + subject).errorCode()).isEqualTo(40404);
        // ids outlive soft deletes: records written with them stay readable
        assertThat(http.get("/schemas/ids/" + id2).status()).isEqualTo(200);

        Answer permanent = http.delete("/subjects/" + subject + "?permanent=true");
        assertThat(permanent.json().toString()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects?deleted=true").text()).doesNotContain(subject);
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").errorCode()).isEqualTo(40401);
        // its id is gone for good; registering the same schema again gives a new id, numbering restarts
        assertThat(http.get("/schemas/ids/" + id2).errorCode()).isEqualTo(40403);
        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(own)).json().path("id").asInt())
                .isGreaterThan(id2);
        assertThat(http.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1]");
    }

    @Test
    void configPerSubjectAndGlobal() {
        assertThat(http.get("/config").json().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        Answer none = http.get("/config/" + subject);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.errorCode()).isEqualTo(40408);
        assertThat(http.get("/config/" + subject + "?defaultToGlobal=true").json().path("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");

        Answer set = http.put("/config/" + subject, "{\"compatibility\":\"full_transitive\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(http.get("/config/" + subject).json().path("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");

        Answer invalid = http.put("/config/" + subject, "{\"compatibility\":\"SIDEWAYS\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42203);

        assertThat(http.delete("/config/" + subject).json().path("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(http.get("/config/" + subject).errorCode()).isEqualTo(40408);
    }

    @Test
    void compatibilityLevelsDecideWhatRegisters() {
        http.post("/subjects/" + subject + "/versions", schemaBody(V1));
        http.post("/subjects/" + subject + "/versions", schemaBody(V2));

        // BACKWARD (the default) checks the latest version only: v3 reads v2 data
        Answer check = http.post("/compatibility/subjects/" + subject + "/versions/latest?verbose=true", schemaBody(V3));
        assertThat(check.json().path("is_compatible").asBoolean()).isTrue();
        Answer broken = http.post("/compatibility/subjects/" + subject + "/versions/latest?verbose=true", schemaBody(BROKEN));
        assertThat(broken.json().path("is_compatible").asBoolean()).isFalse();
        assertThat(broken.json().path("messages").toString()).contains("TYPE_MISMATCH", "oldSchemaVersion: 2");
        assertThat(http.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(BROKEN)).json()
                .has("messages")).isFalse();

        Answer rejected = http.post("/subjects/" + subject + "/versions", schemaBody(BROKEN));
        assertThat(rejected.status()).isEqualTo(409);
        assertThat(rejected.errorCode()).isEqualTo(409);
        assertThat(rejected.json().path("message").asText()).contains("incompatible", subject);

        // BACKWARD_TRANSITIVE checks every version: v3 cannot read v1 data (no b, no default)
        http.put("/config/" + subject, "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        assertThat(http.post("/compatibility/subjects/" + subject + "/versions?verbose=true", schemaBody(V3)).json()
                .path("is_compatible").asBoolean()).isFalse();
        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(V3)).status()).isEqualTo(409);

        http.put("/config/" + subject, "{\"compatibility\":\"BACKWARD\"}");
        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(V3)).status()).isEqualTo(200);

        http.put("/config/" + subject, "{\"compatibility\":\"NONE\"}");
        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(BROKEN)).status()).isEqualTo(200);
        assertThat(http.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1,2,3,4]");
    }

    @Test
    void errorsHaveConfluentCodesAndNoStackTraces() {
        Answer unknownSubject = http.get("/subjects/" + subject + "/versions");
        assertThat(unknownSubject.status()).isEqualTo(404);
        assertThat(unknownSubject.errorCode()).isEqualTo(40401);
        assertThat(unknownSubject.json().path("message").asText()).contains(subject);

        Answer invalidSchema = http.post("/subjects/" + subject + "/versions", schemaBody("{\"type\":\"recrod\"}"));
        assertThat(invalidSchema.status()).isEqualTo(422);
        assertThat(invalidSchema.errorCode()).isEqualTo(42201);

        Answer protobuf = http.post("/subjects/" + subject + "/versions",
                "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
        assertThat(protobuf.errorCode()).isEqualTo(42201);
        assertThat(protobuf.json().path("message").asText()).contains("PROTOBUF");

        Answer malformed = http.post("/subjects/" + subject + "/versions", "{\"schema\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("message").asText()).contains("not valid JSON");

        http.post("/subjects/" + subject + "/versions", schemaBody(V1));
        assertThat(http.get("/subjects/" + subject + "/versions/7").errorCode()).isEqualTo(40402);
        Answer badVersion = http.get("/subjects/" + subject + "/versions/first");
        assertThat(badVersion.status()).isEqualTo(422);
        assertThat(badVersion.errorCode()).isEqualTo(42202);
        assertThat(http.post("/subjects/" + subject, schemaBody(V2)).errorCode()).isEqualTo(40403);
        assertThat(http.get("/schemas/ids/999999").errorCode()).isEqualTo(40403);

        Answer unknownPath = http.get("/no/such/path");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.errorCode()).isEqualTo(404);
        assertThat(unknownPath.json().path("message").asText()).isEqualTo("HTTP 404 Not Found");
        Answer wrongMethod = http.send("PATCH", "/subjects", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo(405);

        for (Answer answer : new Answer[] {unknownSubject, invalidSchema, protobuf, malformed, badVersion, unknownPath}) {
            assertThat(answer.text()).doesNotContain("\tat ", "Exception:");
        }
    }
}

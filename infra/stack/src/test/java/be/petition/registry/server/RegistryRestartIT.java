package be.petition.registry.server;

import static be.petition.registry.server.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import be.petition.config.ServiceConfig;
import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A new registry on the same topic rebuilds everything from {@code _schemas}: ids, versions, deletes, config. */
@ExtendWith(EmbeddedStackExtension.class)
class RegistryRestartIT {

    @Test
    void aNewRegistryInstanceKeepsEveryIdAndVersion() {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        RegistryHttp first = new RegistryHttp(stack.schemaRegistryUrl());
        String subject = "restart-" + UUID.randomUUID() + "-value";
        int id1 = first.post("/subjects/" + subject + "/versions", schemaBody(RegistryApiIT.V1)).json().path("id").asInt();
        int id2 = first.post("/subjects/" + subject + "/versions", schemaBody(RegistryApiIT.V2)).json().path("id").asInt();
        first.delete("/subjects/" + subject + "/versions/1");
        first.put("/config/" + subject, "{\"compatibility\":\"FORWARD\"}");
        String subjects = first.get("/subjects?deleted=true").text();

        // started as `petition registry` starts it: from the documented defaults file plus settings
        ServiceConfig settings = ServiceConfig.load(RegistryServer.DEFAULTS, null, Map.of(), Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(), RegistryServer.PORT, "0"));
        try (RegistryServer restarted = RegistryServer.start(settings)) {
            RegistryHttp second = new RegistryHttp(restarted.url());
            assertThat(second.get("/subjects?deleted=true").text()).isEqualTo(subjects);
            assertThat(second.get("/schemas/ids/" + id1).json()).isEqualTo(first.get("/schemas/ids/" + id1).json());
            assertThat(second.get("/schemas/ids/" + id2).json()).isEqualTo(first.get("/schemas/ids/" + id2).json());
            assertThat(second.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[2]");
            assertThat(second.get("/subjects/" + subject + "/versions/1?deleted=true").json().path("id").asInt()).isEqualTo(id1);
            assertThat(second.get("/subjects/" + subject + "/versions/latest").json().path("id").asInt()).isEqualTo(id2);
            assertThat(second.get("/config/" + subject).json().path("compatibilityLevel").asText()).isEqualTo("FORWARD");
            // the restarted instance registers the same schema under the same id
            assertThat(second.post("/subjects/" + subject + "/versions", schemaBody(RegistryApiIT.V2)).json()
                    .path("id").asInt()).isEqualTo(id2);
        }
    }
}

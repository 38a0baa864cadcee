package be.petition.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.Signature;
import be.petition.serde.AvroSerdeConfig;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientsTest {

    @Test
    void mockUrlsShareOneInMemoryRegistryPerScope() {
        String scope = "clients-" + UUID.randomUUID();
        try {
            SchemaRegistryClient first = SchemaRegistryClients.forConfig(
                    new AvroSerdeConfig(Map.of("schema.registry.url", "mock://" + scope)));
            SchemaRegistryClient second = SchemaRegistryClients.forConfig(
                    new AvroSerdeConfig(Map.of("schema.registry.url", "mock://" + scope)));

            assertThat(first).isInstanceOf(InMemorySchemaRegistryClient.class).isSameAs(second);
            assertThat(first.describe()).isEqualTo("in-memory registry mock://" + scope);
        } finally {
            InMemorySchemaRegistryClient.dropScope(scope);
        }
    }

    @Test
    void restClientsAreSharedPerClientSettings() {
        SchemaRegistryClient first = SchemaRegistryClients.forConfig(new AvroSerdeConfig(Map.of(
                "schema.registry.url", "http://127.0.0.1:1", "auto.register.schemas", "true")));
        SchemaRegistryClient second = SchemaRegistryClients.forConfig(new AvroSerdeConfig(Map.of(
                "schema.registry.url", "http://127.0.0.1:1", "auto.register.schemas", "false")));
        SchemaRegistryClient other = SchemaRegistryClients.forConfig(new AvroSerdeConfig(Map.of(
                "schema.registry.url", "http://127.0.0.1:1", "basic.auth.user.info", "u:p")));

        assertThat(first).isInstanceOf(RestSchemaRegistryClient.class).isSameAs(second);
        assertThat(other).isNotSameAs(first);
    }

    @Test
    void inMemoryRegistryChecksBackwardCompatibility() {
        String scope = "compat-" + UUID.randomUUID();
        InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(scope);
        try {
            Schema current = Signature.getClassSchema();
            Schema withRequiredField = Schema.createRecord(current.getName(), null, current.getNamespace(), false,
                    List.of(new Schema.Field("referrer", Schema.create(Schema.Type.STRING), null, (Object) null)));
            int id = registry.register("s", current);

            assertThat(registry.register("s", current)).isEqualTo(id);
            assertThat(registry.idOf("s", current)).isEqualTo(id);
            assertThat(registry.schemaById(id)).isEqualTo(current);
            assertThat(registry.isCompatible("s", withRequiredField)).isFalse();
            assertThatThrownBy(() -> registry.register("s", withRequiredField))
                    .isInstanceOfSatisfying(RegistryClientException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(409))
                    .hasMessageContaining("incompatible");
            assertThat(registry.latest("s").version()).isEqualTo(1);
            assertThatThrownBy(() -> registry.latest("other"))
                    .isInstanceOfSatisfying(RegistryClientException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(RegistryClientException.SUBJECT_NOT_FOUND));
            assertThatThrownBy(() -> registry.schemaById(999))
                    .isInstanceOfSatisfying(RegistryClientException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(RegistryClientException.SCHEMA_NOT_FOUND));
        } finally {
            InMemorySchemaRegistryClient.dropScope(scope);
        }
    }
}

package be.petition.service;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.registry.client.RegistryClientException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PoisonRecordHandlerTest {

    @Test
    void aRegistryThatCannotBeReachedIsNotTheRecordsFaultSoTheRecordIsNeverDeadLettered() {
        RegistryClientException down = new RegistryClientException(503, 50301, "connection refused");
        assertThat(PoisonRecordHandler.registryUnavailable(new SerializationException("cannot read", down))).isTrue();

        RegistryClientException unknownSchema = new RegistryClientException(404,
                RegistryClientException.SCHEMA_NOT_FOUND, "schema 7 not found");
        assertThat(PoisonRecordHandler.registryUnavailable(new SerializationException("cannot read", unknownSchema)))
                .isFalse();
        assertThat(PoisonRecordHandler.registryUnavailable(new IllegalStateException("a bug"))).isFalse();
    }
}

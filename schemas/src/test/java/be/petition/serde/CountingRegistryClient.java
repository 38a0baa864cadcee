package be.petition.serde;

import be.petition.registry.client.InMemorySchemaRegistryClient;
import be.petition.registry.client.RegisteredSchema;
import be.petition.registry.client.SchemaRegistryClient;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** An in-memory registry of its own scope that counts the calls serdes make, to prove they cache. */
class CountingRegistryClient implements SchemaRegistryClient {
    final InMemorySchemaRegistryClient registry;
    final AtomicInteger registers = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicInteger byId = new AtomicInteger();
    final AtomicInteger latests = new AtomicInteger();

    CountingRegistryClient() {
        registry = InMemorySchemaRegistryClient.forScope("counting-" + UUID.randomUUID());
    }

    int calls() {
        return registers.get() + lookups.get() + byId.get() + latests.get();
    }

    @Override
    public int register(String subject, Schema schema) {
        registers.incrementAndGet();
        return registry.register(subject, schema);
    }

    @Override
    public int idOf(String subject, Schema schema) {
        lookups.incrementAndGet();
        return registry.idOf(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        byId.incrementAndGet();
        return registry.schemaById(id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        latests.incrementAndGet();
        return registry.latest(subject);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return registry.isCompatible(subject, schema);
    }

    @Override
    public String describe() {
        return registry.describe();
    }
}

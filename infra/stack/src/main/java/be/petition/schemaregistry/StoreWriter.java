package be.petition.schemaregistry;

import java.util.List;

/** Writes records to the registry's storage and returns once the store has applied them. */
interface StoreWriter {
    void write(List<StoreRecord> records);
}

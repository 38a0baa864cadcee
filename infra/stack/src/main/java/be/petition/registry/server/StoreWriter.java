package be.petition.registry.server;

import java.util.List;

/** Writes records to the registry's storage and returns once the store has applied them. */
interface StoreWriter {
    void write(List<StoreRecord> records);
}

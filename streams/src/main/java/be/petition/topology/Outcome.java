package be.petition.topology;

import be.petition.avro.Signature;

/** What the signer ledger decided about one input record; the topology routes each kind to its topic. */
sealed interface Outcome {

    /**
     * A new accepted signature, or a tombstone (signature null) when the signer withdrew, keyed
     * {@code campaign/signerKey} so that compaction keeps one per campaign and signer.
     */
    record Accepted(String key, Signature signature) implements Outcome {
    }

    /** The original key and value bytes of a record that could not be used; the headers say why. */
    record Rejected(byte[] key, byte[] value) implements Outcome {
    }

    /** A change to one count. */
    record Tallied(String countKey, Tally tally) implements Outcome {
    }
}

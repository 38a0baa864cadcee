package be.petition.topology;

/** Why a signature was not counted although it was valid. */
public enum DuplicateKind {
    /** The same event again (same event id): a retry of the gateway or of the telephony provider. */
    REDELIVERED,
    /**
     * Another signature of a signer, after the signer's latest withdrawal, that is not the one counted (the counted
     * one is the earliest). Signatures a withdrawal took back are not duplicates.
     */
    REPEAT_SIGNER
}

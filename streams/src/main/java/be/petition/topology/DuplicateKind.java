package be.petition.topology;

/** Why a signature was not counted although it was valid. */
public enum DuplicateKind {
    /** The same event again (same event id): a retry of the gateway or of the telephony provider. */
    REDELIVERED,
    /** A new event from a signer who has already signed, on any channel. */
    REPEAT_SIGNER
}

package be.petition.topology;

import be.petition.avro.Signature;
import be.petition.avro.Withdrawal;

/** A valid input record, read and normalised. */
sealed interface ChannelEvent {

    /** A signature from any channel, normalised. */
    record Signing(Signature signature) implements ChannelEvent {
    }

    record Withdrawing(Withdrawal withdrawal) implements ChannelEvent {
    }

    /** A valid call that does not sign: a withheld number, or a status that does not count. */
    record UncountableCall(String campaign, String reason) implements ChannelEvent {
    }
}

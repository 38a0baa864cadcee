package be.petition.topology;

import be.petition.avro.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * What the signers store knows about one signer of one campaign: the signature that counts now (if any) and the
 * ids of the recent events seen for the signer, so that a redelivered event (signature or withdrawal) never counts
 * twice, even after a withdrawal and a new signature.
 *
 * @param signed the counted signature, or null when the signer has withdrawn
 * @param seenEventIds event ids already processed for this signer, oldest first, at most {@link #MAX_SEEN}
 */
public record SignerState(Signed signed, List<String> seenEventIds) {
    /** Enough for any honest signer; a signer sending more events loses only the oldest ids. */
    public static final int MAX_SEEN = 32;

    /** Where a counted signature was counted, so that a withdrawal takes it off the same counts. */
    public record Signed(String eventId, Channel channel, String region, long eventTime) {
    }

    public SignerState {
        seenEventIds = List.copyOf(seenEventIds);
    }

    public static SignerState first(Signed signed) {
        return new SignerState(signed, List.of(signed.eventId()));
    }

    public boolean isSigned() {
        return signed != null;
    }

    public boolean hasSeen(String eventId) {
        return seenEventIds.contains(eventId);
    }

    public SignerState signing(Signed newSignature) {
        return new SignerState(newSignature, seen(newSignature.eventId()));
    }

    public SignerState withdrawing(String withdrawalEventId) {
        return new SignerState(null, seen(withdrawalEventId));
    }

    /** Only remembers the event id (a duplicate, or a withdrawal of a signer who already withdrew). */
    public SignerState remembering(String eventId) {
        return new SignerState(signed, seen(eventId));
    }

    private List<String> seen(String eventId) {
        List<String> ids = new ArrayList<>(seenEventIds);
        ids.add(eventId);
        return ids.size() > MAX_SEEN ? ids.subList(ids.size() - MAX_SEEN, ids.size()) : ids;
    }
}

package be.petition.topology;

import be.petition.avro.Channel;
import be.petition.avro.IdentityKind;
import be.petition.avro.Language;
import be.petition.avro.Signature;
import be.petition.geography.Regions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What the signers store knows about one signer of one campaign: the signer's events, from which the signature that
 * counts follows by DESIGN.md "Counting", whatever order they arrived in. An event id seen again is the same event;
 * when its deliveries carry different times, the earliest is its time (a retry of a signature withdrawn since does
 * not sign again).
 *
 * <p>Bounded: at most {@link #MAX_EVENTS} events are kept. Past that (a number calling dozens of times, say), the
 * events the count depends on least are forgotten, in this order: signatures at or before the latest withdrawal (a
 * retry of one of those would then count as a new signature), older withdrawals, then the earliest signatures after
 * the latest withdrawal other than the counted one and the latest one. The latest signature and withdrawal are always
 * kept, so whether the signer counts stays exact; only which of their signatures is counted (its hour, channel,
 * region) may differ from the rule once a later withdrawal falls among forgotten signatures.
 *
 * @param signatures sorted by event time, then event id
 * @param withdrawals sorted by event time, then event id
 */
public record SignerState(List<SignatureEvent> signatures, List<WithdrawalEvent> withdrawals) {
    public static final int MAX_EVENTS = 16;
    public static final SignerState EMPTY = new SignerState(List.of(), List.of());

    private static final Comparator<SignatureEvent> SIGNATURE_ORDER =
            Comparator.comparingLong(SignatureEvent::eventTime).thenComparing(SignatureEvent::eventId);
    private static final Comparator<WithdrawalEvent> WITHDRAWAL_ORDER =
            Comparator.comparingLong(WithdrawalEvent::eventTime).thenComparing(WithdrawalEvent::eventId);

    /** A signature as remembered: enough to count it, and to publish it again if it comes to count later. */
    public record SignatureEvent(String eventId, long eventTime, Channel channel, String region,
                                 IdentityKind identityKind, Language language, long receivedTime) {
        static SignatureEvent of(Signature signature) {
            return new SignatureEvent(signature.getEventId(), signature.getEventTime().toEpochMilli(),
                    signature.getChannel(), signature.getRegion(), signature.getIdentityKind(),
                    signature.getLanguage(), signature.getReceivedTime().toEpochMilli());
        }

        Signature toSignature(String campaign, String signerKey) {
            return new Signature(eventId, campaign, signerKey, channel, identityKind, region, language,
                    Instant.ofEpochMilli(eventTime), Instant.ofEpochMilli(receivedTime));
        }
    }

    public record WithdrawalEvent(String eventId, long eventTime) {
    }

    public SignerState {
        signatures = List.copyOf(signatures);
        withdrawals = List.copyOf(withdrawals);
    }

    /** The latest withdrawal's event time; {@link Long#MIN_VALUE} when the signer never withdrew. */
    public long withdrawnUntil() {
        return latest(withdrawals);
    }

    private static long latest(List<WithdrawalEvent> withdrawals) {
        return withdrawals.isEmpty() ? Long.MIN_VALUE : withdrawals.get(withdrawals.size() - 1).eventTime();
    }

    /**
     * After a right-to-erasure request (already added as a withdrawal): the withdrawn signatures keep only what makes
     * them the same events should they come again, in a retry or a recount (id, time, channel), and lose region,
     * language and identity kind; older withdrawals are forgotten. Signatures after the erasure, given later, stay.
     */
    public SignerState erased() {
        long withdrawnUntil = withdrawnUntil();
        List<SignatureEvent> kept = new ArrayList<>(signatures.size());
        for (SignatureEvent signature : signatures) {
            kept.add(signature.eventTime() > withdrawnUntil ? signature : new SignatureEvent(signature.eventId(),
                    signature.eventTime(), signature.channel(), Regions.UNKNOWN, IdentityKind.UNKNOWN,
                    Language.UNKNOWN, signature.eventTime()));
        }
        List<WithdrawalEvent> latest = withdrawals.isEmpty() ? List.of()
                : List.of(withdrawals.get(withdrawals.size() - 1));
        SignerState erased = new SignerState(kept, latest);
        return erased.equals(this) ? this : erased;
    }

    /** The earliest signature after the latest withdrawal, or null: the signer does not count. */
    public SignatureEvent counted() {
        long withdrawnUntil = withdrawnUntil();
        for (SignatureEvent signature : signatures) {
            if (signature.eventTime() > withdrawnUntil) {
                return signature;
            }
        }
        return null;
    }

    /**
     * Repeats by {@link Channel} ordinal: signatures after the latest withdrawal other than the counted one. Those at
     * or before it are withdrawn, not repeats.
     */
    public int[] repeatsByChannel() {
        int[] repeats = new int[Channel.values().length];
        long withdrawnUntil = withdrawnUntil();
        boolean countedSeen = false;
        for (SignatureEvent signature : signatures) {
            if (signature.eventTime() > withdrawnUntil) {
                if (countedSeen) {
                    repeats[signature.channel().ordinal()]++;
                }
                countedSeen = true;
            }
        }
        return repeats;
    }

    public boolean knowsSignature(String eventId) {
        return indexOf(signatures, eventId, SignatureEvent::eventId) >= 0;
    }

    /** With this signature; a known event id keeps the earlier of its deliveries. */
    public SignerState withSignature(SignatureEvent signature) {
        List<SignatureEvent> next = with(signatures, signature, SignatureEvent::eventId, SignatureEvent::eventTime,
                SIGNATURE_ORDER);
        return next == null ? this : bounded(next, withdrawals);
    }

    /** With this withdrawal; a known event id keeps the earlier of its deliveries. */
    public SignerState withWithdrawal(WithdrawalEvent withdrawal) {
        List<WithdrawalEvent> next = with(withdrawals, withdrawal, WithdrawalEvent::eventId,
                WithdrawalEvent::eventTime, WITHDRAWAL_ORDER);
        return next == null ? this : bounded(signatures, next);
    }

    /** The events with this one in order; null when they hold its id already, at the same or an earlier time. */
    private static <T> List<T> with(List<T> events, T event, Function<T, String> id, ToLongFunction<T> time,
                                    Comparator<T> order) {
        List<T> next = new ArrayList<>(events);
        int known = indexOf(next, id.apply(event), id);
        if (known >= 0) {
            if (time.applyAsLong(next.get(known)) <= time.applyAsLong(event)) {
                return null;
            }
            next.set(known, event);
        } else {
            next.add(event);
        }
        next.sort(order);
        return next;
    }

    private static SignerState bounded(List<SignatureEvent> signatures, List<WithdrawalEvent> withdrawals) {
        if (signatures.size() + withdrawals.size() <= MAX_EVENTS) {
            return new SignerState(signatures, withdrawals);
        }
        List<SignatureEvent> keptSignatures = new ArrayList<>(signatures);
        List<WithdrawalEvent> keptWithdrawals = new ArrayList<>(withdrawals);
        long withdrawnUntil = latest(withdrawals);
        while (keptSignatures.size() + keptWithdrawals.size() > MAX_EVENTS) {
            if (keptSignatures.size() > 1 && keptSignatures.get(0).eventTime() <= withdrawnUntil) {
                keptSignatures.remove(0);
            } else if (keptWithdrawals.size() > 1) {
                keptWithdrawals.remove(0);
            } else {
                // here the first signature is the counted one; the last decides whether anything counts
                keptSignatures.remove(1);
            }
        }
        return new SignerState(keptSignatures, keptWithdrawals);
    }

    private static <T> int indexOf(List<T> events, String eventId, Function<T, String> id) {
        for (int i = 0; i < events.size(); i++) {
            if (id.apply(events.get(i)).equals(eventId)) {
                return i;
            }
        }
        return -1;
    }
}

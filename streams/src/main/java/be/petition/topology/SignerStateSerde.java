package be.petition.topology;

import be.petition.avro.Channel;
import be.petition.avro.IdentityKind;
import be.petition.avro.Language;
import be.petition.topology.SignerState.SignatureEvent;
import be.petition.topology.SignerState.WithdrawalEvent;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The signers store's value format (and its changelog's). Internal to this application, so a compact binary format
 * with a version byte rather than a registry schema: the changelog is read only by this code. Event ids that are
 * UUIDs (the gateway's) take 16 bytes; a signer with one signature takes about 50 bytes.
 */
public final class SignerStateSerde implements Serde<SignerState> {
    /** Version 1 held the first-wins state of the order-dependent rules; its counts cannot be carried over. */
    private static final byte VERSION = 2;
    private static final byte TEXT_ID = 0;
    private static final byte UUID_ID = 1;
    private static final Channel[] CHANNELS = Channel.values();
    private static final IdentityKind[] IDENTITY_KINDS = IdentityKind.values();
    private static final Language[] LANGUAGES = Language.values();

    @Override
    public Serializer<SignerState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<SignerState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    /** A signer state this release cannot read: the application must recount from the raw topics. */
    public static final class UnknownVersionException extends SerializationException {
        UnknownVersionException(byte version) {
            super("Unknown signer state version " + version + ": the signers store was written by another release"
                    + " with other counting rules. Recount from the raw topics: stop every instance, then run"
                    + " ./petition streams --reset (with the same --config), or start with a new"
                    + " streams.application.id");
        }
    }

    static byte[] write(SignerState state) {
        // an upper bound (UTF-8 takes at most 3 bytes per UTF-16 char), so every string is encoded once
        int size = 3;
        for (SignatureEvent signature : state.signatures()) {
            size += textBound(signature.eventId()) + 8 + 1 + textBound(signature.region()) + 1 + 1 + 8;
        }
        for (WithdrawalEvent withdrawal : state.withdrawals()) {
            size += textBound(withdrawal.eventId()) + 8;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION);
        out.put((byte) state.signatures().size());
        for (SignatureEvent signature : state.signatures()) {
            writeId(out, signature.eventId());
            out.putLong(signature.eventTime());
            out.put((byte) signature.channel().ordinal());
            writeText(out, signature.region());
            out.put((byte) signature.identityKind().ordinal());
            out.put((byte) signature.language().ordinal());
            out.putLong(signature.receivedTime());
        }
        out.put((byte) state.withdrawals().size());
        for (WithdrawalEvent withdrawal : state.withdrawals()) {
            writeId(out, withdrawal.eventId());
            out.putLong(withdrawal.eventTime());
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    static SignerState read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new UnknownVersionException(version);
            }
            int signatureCount = in.readUnsignedByte();
            List<SignatureEvent> signatures = new ArrayList<>(signatureCount);
            for (int i = 0; i < signatureCount; i++) {
                signatures.add(new SignatureEvent(readId(in), in.readLong(), CHANNELS[in.readUnsignedByte()],
                        readText(in), IDENTITY_KINDS[in.readUnsignedByte()], LANGUAGES[in.readUnsignedByte()],
                        in.readLong()));
            }
            int withdrawalCount = in.readUnsignedByte();
            List<WithdrawalEvent> withdrawals = new ArrayList<>(withdrawalCount);
            for (int i = 0; i < withdrawalCount; i++) {
                withdrawals.add(new WithdrawalEvent(readId(in), in.readLong()));
            }
            return new SignerState(signatures, withdrawals);
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new SerializationException("Corrupt signer state: " + e.getMessage(), e);
        }
    }

    /** Bytes a text or an id takes at most: kind byte, length, 3 bytes per char (a UUID id takes 17). */
    private static int textBound(String text) {
        return 1 + 2 + 3 * text.length();
    }

    private static void writeId(ByteBuffer out, String id) {
        long high = uuidBits(id, 0);
        long low = high == NOT_UUID ? NOT_UUID : uuidBits(id, 19);
        if (high != NOT_UUID && low != NOT_UUID) {
            out.put(UUID_ID);
            out.putLong(high);
            out.putLong(low);
        } else {
            out.put(TEXT_ID);
            writeText(out, id);
        }
    }

    private static void writeText(ByteBuffer out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.putShort((short) bytes.length);
        out.put(bytes);
    }

    /** "Not a canonical UUID"; a half that really is all ones is written as text instead, so it is unambiguous. */
    private static final long NOT_UUID = -1L;

    /**
     * One half of an id written by {@link UUID#toString()} (lower-case hex, dashes at 8, 13, 18, 23; the halves are
     * chars 0-18 and 19-35), parsed in one pass, so that it reads back the same; or {@link #NOT_UUID}.
     */
    private static long uuidBits(String id, int from) {
        if (id.length() != 36) {
            return NOT_UUID;
        }
        long bits = 0;
        boolean allOnes = true;
        int end = from == 0 ? 19 : 36;
        for (int i = from; i < end; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return NOT_UUID;
                }
                continue;
            }
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                return NOT_UUID;
            }
            allOnes &= digit == 15;
            bits = bits << 4 | digit;
        }
        return allOnes ? NOT_UUID : bits;
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String readId(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case TEXT_ID -> readText(in);
            case UUID_ID -> new UUID(in.readLong(), in.readLong()).toString();
            default -> throw new IOException("unknown event id kind " + kind);
        };
    }
}

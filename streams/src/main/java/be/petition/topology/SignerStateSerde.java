package be.petition.topology;

import be.petition.avro.Channel;
import be.petition.avro.IdentityKind;
import be.petition.avro.Language;
import be.petition.topology.SignerState.SignatureEvent;
import be.petition.topology.SignerState.WithdrawalEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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

    static byte[] write(SignerState state) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(48 * state.signatures().size()
                + 24 * state.withdrawals().size() + 3);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(VERSION);
            out.writeByte(state.signatures().size());
            for (SignatureEvent signature : state.signatures()) {
                writeId(out, signature.eventId());
                out.writeLong(signature.eventTime());
                out.writeByte(signature.channel().ordinal());
                out.writeUTF(signature.region());
                out.writeByte(signature.identityKind().ordinal());
                out.writeByte(signature.language().ordinal());
                out.writeLong(signature.receivedTime());
            }
            out.writeByte(state.withdrawals().size());
            for (WithdrawalEvent withdrawal : state.withdrawals()) {
                writeId(out, withdrawal.eventId());
                out.writeLong(withdrawal.eventTime());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static SignerState read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("Unknown signer state version " + version + ": this store was"
                        + " written by another release with other counting rules; reset the application (Kafka's"
                        + " kafka-streams-application-reset) so that it recounts from the raw topics");
            }
            int signatureCount = in.readUnsignedByte();
            List<SignatureEvent> signatures = new ArrayList<>(signatureCount);
            for (int i = 0; i < signatureCount; i++) {
                signatures.add(new SignatureEvent(readId(in), in.readLong(), CHANNELS[in.readUnsignedByte()],
                        in.readUTF(), IDENTITY_KINDS[in.readUnsignedByte()], LANGUAGES[in.readUnsignedByte()],
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

    private static void writeId(DataOutputStream out, String id) throws IOException {
        UUID uuid = canonicalUuid(id);
        if (uuid == null) {
            out.writeByte(TEXT_ID);
            out.writeUTF(id);
        } else {
            out.writeByte(UUID_ID);
            out.writeLong(uuid.getMostSignificantBits());
            out.writeLong(uuid.getLeastSignificantBits());
        }
    }

    private static String readId(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case TEXT_ID -> in.readUTF();
            case UUID_ID -> new UUID(in.readLong(), in.readLong()).toString();
            default -> throw new IOException("unknown event id kind " + kind);
        };
    }

    /** The UUID when {@code id} is one written as {@link UUID#toString()} writes it, so it reads back the same. */
    private static UUID canonicalUuid(String id) {
        if (id.length() != 36 || id.charAt(8) != '-') {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.toString().equals(id) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package be.petition.topology;

import be.petition.avro.Channel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The signers store's value format (and its changelog's). Internal to this application, so a compact binary format
 * with a version byte rather than a registry schema: the changelog is read only by this code.
 */
public final class SignerStateSerde implements Serde<SignerState> {
    private static final byte VERSION = 1;

    @Override
    public Serializer<SignerState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<SignerState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(SignerState state) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + 32 * state.seenEventIds().size());
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(VERSION);
            SignerState.Signed signed = state.signed();
            out.writeBoolean(signed != null);
            if (signed != null) {
                out.writeUTF(signed.eventId());
                out.writeByte(signed.channel().ordinal());
                out.writeUTF(signed.region());
                out.writeLong(signed.eventTime());
            }
            out.writeByte(state.seenEventIds().size());
            for (String id : state.seenEventIds()) {
                out.writeUTF(id);
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
                throw new SerializationException("Unknown signer state version " + version
                        + ": this store was written by a newer release; run that release or reset the application");
            }
            SignerState.Signed signed = null;
            if (in.readBoolean()) {
                signed = new SignerState.Signed(in.readUTF(), Channel.values()[in.readByte()], in.readUTF(),
                        in.readLong());
            }
            int count = in.readUnsignedByte();
            List<String> seen = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                seen.add(in.readUTF());
            }
            return new SignerState(signed, seen);
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new SerializationException("Corrupt signer state: " + e.getMessage(), e);
        }
    }
}

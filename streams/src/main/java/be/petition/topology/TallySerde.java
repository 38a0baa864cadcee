package be.petition.topology;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The repartition topic's value format: kind (1 byte), delta (4 bytes), hour start (8 bytes). */
final class TallySerde implements Serde<Tally> {
    private static final int SIZE = 1 + Integer.BYTES + Long.BYTES;
    private static final Tally.Kind[] KINDS = Tally.Kind.values();

    @Override
    public Serializer<Tally> serializer() {
        return (topic, tally) -> tally == null ? null : ByteBuffer.allocate(SIZE)
                .put((byte) tally.kind().ordinal()).putInt(tally.delta()).putLong(tally.hourStart()).array();
    }

    @Override
    public Deserializer<Tally> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != SIZE || bytes[0] < 0 || bytes[0] >= KINDS.length) {
                throw new SerializationException("Not a tally record in topic \"" + topic + "\" (" + bytes.length
                        + " bytes)");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new Tally(KINDS[buffer.get()], buffer.getInt(), buffer.getLong());
        };
    }
}

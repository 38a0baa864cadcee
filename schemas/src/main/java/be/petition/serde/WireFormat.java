package be.petition.serde;

/** Confluent's wire format: byte 0 is the magic byte 0x0, bytes 1-4 the big-endian schema id, then Avro binary. */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }
}

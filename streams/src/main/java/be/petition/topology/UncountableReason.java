package be.petition.topology;

import be.petition.avro.CallStatus;

/**
 * Why a valid call was not counted as a signature. These are not errors: the weekly report shows them.
 * Store keys use {@link #key()}: {@code WITHHELD}, or {@code STATUS_<CallStatus>} for a status that does not count.
 */
public final class UncountableReason {
    public static final String WITHHELD = "WITHHELD";
    public static final String STATUS_PREFIX = "STATUS_";

    private UncountableReason() {
    }

    public static String status(CallStatus status) {
        return STATUS_PREFIX + status.name();
    }
}

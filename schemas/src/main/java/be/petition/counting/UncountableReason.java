package be.petition.counting;

import be.petition.avro.CallStatus;

/**
 * Why a valid call was not counted as a signature. These are not errors: the weekly report shows them. Shared by
 * the Streams app, which writes them into its store keys and query answers, and the report, which reads them back:
 * {@link #WITHHELD}, or {@code STATUS_<CallStatus>} (see {@link #status}) for a status that does not count.
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

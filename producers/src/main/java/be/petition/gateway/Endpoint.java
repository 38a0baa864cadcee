package be.petition.gateway;

import java.util.Locale;

/**
 * Which of the gateway's endpoints a request came in through (or, for the simulator's direct-to-Kafka path, would
 * have): the {@code channel} label of the gateway's metrics. Not the Avro {@code Channel} of a counted signature:
 * withdrawals have an endpoint of their own, every telephony webhook is {@link #CALL}, and {@link #INSTALL} is the
 * app's registration. {@link #CONFIRM} is the confirmation link's page and button; the event it writes counts under
 * {@link #WEB} or {@link #WITHDRAWAL}.
 */
public enum Endpoint {
    WEB, APP, CALL, WITHDRAWAL, INSTALL, CONFIRM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

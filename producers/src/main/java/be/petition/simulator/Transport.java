package be.petition.simulator;

/** Where simulated requests go: the gateway over HTTP, or straight to Kafka. */
interface Transport extends AutoCloseable {
    /** Sends without waiting for the answer; the listener hears it once, on any thread. */
    void send(Planned planned, Listener listener);

    @Override
    void close();

    interface Listener {
        /**
         * @param status the HTTP status the request got (202 when accepted), or -1 when it could not be delivered
         * @param eventId the event id of the record Kafka got (accepted requests only, else null; null with a 2xx:
         *                still pending, its mail never confirmed)
         * @param eventTime that record's event time, epoch milliseconds (accepted requests only)
         */
        void answered(Planned planned, int status, String eventId, long eventTime);
    }
}

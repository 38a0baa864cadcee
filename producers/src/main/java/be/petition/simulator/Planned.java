package be.petition.simulator;

import java.util.Map;

/**
 * One request the simulator sends, and what the pipeline should make of it once the gateway accepted it.
 *
 * @param person who it is about (null for malformed requests and calls with a withheld number)
 * @param identity the identity the pipeline keys it by (null when it has none: withheld, malformed); one
 *                 identity is one signer key
 * @param channel CALL, WEB or APP for signatures; null otherwise
 */
record Planned(Kind kind, String path, Request request, Person person, String identity, String channel,
               String region) {

    String contentType() {
        return request.contentType();
    }

    byte[] body() {
        return request.body();
    }

    /** The form fields of a form-encoded request (a telephony webhook), else null. */
    Map<String, String> form() {
        if (request instanceof Request.Webhook webhook) {
            return webhook.form();
        }
        return request instanceof Request.Raw raw ? raw.form() : null;
    }

    enum Kind {
        /** A signature from someone who has not signed yet. */
        SIGNATURE,
        /**
         * A caller signs again on the web or in the app, typing their phone number: that proves nothing, so it is
         * another identity (their e-mail address, their install) and counts again (DESIGN.md "Identity").
         */
        OTHER_CHANNEL,
        /** The same person again, on the same channel (a new submission). */
        DUPLICATE_SAME_CHANNEL,
        /** The very same request sent twice (a client retry). */
        RESENT,
        /** A call with a hidden caller id: recorded, never counted. */
        WITHHELD_CALL,
        /** A call whose status does not count (busy, no answer, ...). */
        NOT_COUNTING_CALL,
        WITHDRAWAL,
        /** A withdrawal for someone who never signed: no effect. */
        WITHDRAWAL_WITHOUT_SIGNATURE,
        /** A request the gateway must refuse with a 4xx. */
        MALFORMED;

        boolean signature() {
            return this == SIGNATURE || this == OTHER_CHANNEL || this == DUPLICATE_SAME_CHANNEL || this == RESENT;
        }

        boolean withdrawal() {
            return this == WITHDRAWAL || this == WITHDRAWAL_WITHOUT_SIGNATURE;
        }
    }
}

package io.gomsggw.core.routing;

import io.gomsggw.core.limits.LimitExceeded;

/**
 * Why the router refused a message. Each ingress answers in its own terms; the mapping is in
 * {@code docs/web-clients.md} and {@code docs/legacy-clients.md}.
 */
public sealed interface Refusal {
    /** A human-readable explanation. */
    String message();

    /** A number could not be read ({@code field} is {@code from} or {@code to}): HTTP 400, SMPP ESME_RINVSRCADR/RINVDSTADR. */
    record InvalidNumber(String field, String value, String reason) implements Refusal {
        @Override
        public String message() {
            return "invalid '" + field + "': " + reason;
        }
    }

    /** The sender does not own the {@code from} number: HTTP 403, SMPP ESME_RINVSRCADR. */
    record NotYourNumber(String number) implements Refusal {
        @Override
        public String message() {
            return "number " + number + " does not belong to this client";
        }
    }

    /** The recipient opted out (STOP) of the sender's number: HTTP 400, SMPP ESME_RX_R_APPN. */
    record OptedOut(String number, String recipient) implements Refusal {
        @Override
        public String message() {
            return recipient + " has opted out of messages from " + number + " (STOP)";
        }
    }

    /** A usage limit is full: HTTP 429, SMPP ESME_RTHROTTLED. */
    record Limited(LimitExceeded limit) implements Refusal {
        @Override
        public String message() {
            return limit.message();
        }
    }

    /** The sender's number has no carrier to send an external message by: HTTP 400, SMPP ESME_RINVDSTADR. */
    record NoCarrier(String number) implements Refusal {
        @Override
        public String message() {
            return "number " + number + " has no carrier for external messages";
        }
    }
}

package io.gomsggw.mm4.outbound;

import java.util.Objects;

/**
 * What became of one SMTP transaction of {@link Mm4Sender}. A {@link TransientFailure} is worth retrying
 * later, a {@link PermanentFailure} is not.
 */
public sealed interface SendResult
        permits SendResult.Accepted, SendResult.TransientFailure, SendResult.PermanentFailure {

    /** The code meaning "no SMTP reply": the connection, TLS or a timeout failed, or the sender was busy. */
    int NO_REPLY = 0;

    /** The last reply line(s) of the server, or a description of the failure when there was no reply. */
    String reply();

    /**
     * The server accepted the message data ({@code 250} after {@code DATA}).
     *
     * @param reply the server's reply to the end of data, e.g. {@code 250 OK queued as 12}
     */
    record Accepted(String reply) implements SendResult {
        public Accepted {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * Not delivered, try again later: a {@code 4xx} reply, or no reply at all ({@link #NO_REPLY}: connection
     * refused or reset, timeout, TLS handshake failure, the sender's executor full).
     *
     * @param code  the SMTP reply code, or {@link #NO_REPLY}
     * @param reply the reply text, or what failed
     */
    record TransientFailure(int code, String reply) implements SendResult {
        public TransientFailure {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * Refused for good: a {@code 5xx} reply (to the greeting, {@code MAIL}, every {@code RCPT}, or the data).
     *
     * @param code  the SMTP reply code
     * @param reply the reply text
     */
    record PermanentFailure(int code, String reply) implements SendResult {
        public PermanentFailure {
            Objects.requireNonNull(reply, "reply");
        }
    }
}

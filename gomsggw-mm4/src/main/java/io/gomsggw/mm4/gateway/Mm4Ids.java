package io.gomsggw.mm4.gateway;

import java.util.Optional;

/**
 * The identifiers of what the gateway sends over MM4, and the way back from a peer's response to the
 * gateway's message: {@code X-Mms-Transaction-ID} is the message id, {@code X-Mms-Message-ID} is
 * {@code <message id@host>}. Immutable.
 */
public final class Mm4Ids {
    private final String host;

    /** @param host {@code MM4_MSG_ID_HOST} */
    public Mm4Ids(String host) {
        this.host = host;
    }

    /** The {@code X-Mms-Message-ID} of message {@code messageId}, in angle brackets. */
    public String messageIdOf(String messageId) {
        return "<" + messageId + "@" + host + ">";
    }

    /**
     * The gateway's message id named by a response or report: the local part of its message id when that
     * names this host ({@code bareMessageId}, without brackets), else its transaction id; empty when neither
     * can be one of ours.
     */
    public Optional<String> ourMessageId(String transactionId, String bareMessageId) {
        int at = bareMessageId.lastIndexOf('@');
        if (at > 0 && bareMessageId.substring(at + 1).equalsIgnoreCase(host)) {
            return Optional.of(bareMessageId.substring(0, at));
        }
        return transactionId.isBlank() ? Optional.empty() : Optional.of(transactionId.strip());
    }
}

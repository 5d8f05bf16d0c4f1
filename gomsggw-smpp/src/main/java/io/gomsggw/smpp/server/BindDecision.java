package io.gomsggw.smpp.server;

import io.gomsggw.smpp.pdu.CommandStatus;
import java.util.Objects;

/** The answer to a {@link BindRequest}. */
public sealed interface BindDecision {

    /** The bind is allowed; {@code attachment} becomes {@code SmppSession#attachment()}. */
    record Accepted(Object attachment) implements BindDecision {}

    /** The bind is refused with {@code status} (e.g. {@code ESME_RINVPASWD}); the connection is then closed. */
    record Refused(CommandStatus status, String reason) implements BindDecision {
        public Refused {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }
    }

    static BindDecision accept(Object attachment) {
        return new Accepted(attachment);
    }

    static BindDecision refuse(CommandStatus status, String reason) {
        return new Refused(status, reason);
    }
}

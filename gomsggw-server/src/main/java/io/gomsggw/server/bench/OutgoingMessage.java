package io.gomsggw.server.bench;

import io.gomsggw.smpp.pdu.SmFields;
import java.util.List;
import java.util.Objects;

/**
 * One message of a {@code bench smpp} run, ready to submit.
 *
 * @param id    its number, also in its text ({@link MessageTag})
 * @param kind  which text it is
 * @param parts the body of each {@code submit_sm}, in order
 */
record OutgoingMessage(long id, MessageKind kind, List<SmFields> parts) {
    OutgoingMessage {
        Objects.requireNonNull(kind, "kind");
        parts = List.copyOf(parts);
    }
}

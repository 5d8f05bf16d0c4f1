package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.BindMode;
import java.time.Instant;

/**
 * What a successful bind established; {@link #NONE} before it.
 *
 * @param systemId   the ESME's {@code system_id}
 * @param mode       transmitter, receiver or transceiver
 * @param boundAt    when the bind succeeded
 * @param attachment what the server's gate attached (server side), {@code null} on the client side
 */
record Binding(String systemId, BindMode mode, Instant boundAt, Object attachment) {
    static final Binding NONE = new Binding("", null, null, null);
}

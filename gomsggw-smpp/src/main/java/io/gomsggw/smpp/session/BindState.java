package io.gomsggw.smpp.session;

/** Where a session stands in its life (SMPP 3.4 section 2.2). */
enum BindState {
    /** Connected, not bound. */
    OPEN,
    /** A bind is being decided (server) or awaits its response (client). */
    BINDING,
    /** Bound: messages may flow as the bind mode allows. */
    BOUND,
    /** An unbind was sent or received; the connection closes next. */
    UNBINDING,
    /** The connection is closed. */
    CLOSED;

    /** Whether the peer's messages are still answered. */
    boolean acceptsMessages() {
        return this == BOUND || this == UNBINDING;
    }
}

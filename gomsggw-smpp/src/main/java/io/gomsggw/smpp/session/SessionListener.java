package io.gomsggw.smpp.session;

/**
 * Learns when a session becomes bound and when a bound session ends. Called on the session's
 * event loop; must not block. {@link #onClosed} is called exactly once for every session
 * {@link #onBound} saw, and never for one that was not bound.
 */
public interface SessionListener {
    /** Listens to nothing. */
    SessionListener NONE = new SessionListener() {};

    /** The session was bound; its {@code bind_*_resp} has been written (server) or read (client). */
    default void onBound(SmppSession session) {}

    /** The bound session's connection closed. */
    default void onClosed(SmppSession session) {}
}

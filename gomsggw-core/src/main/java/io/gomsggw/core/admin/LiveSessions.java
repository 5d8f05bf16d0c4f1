package io.gomsggw.core.admin;

import java.util.List;

/**
 * The sessions legacy clients hold open right now. The SMPP and MM4 servers implement it; the
 * admin API reads it for {@code /stats} and {@code /clients/{id}/smpp-status}.
 *
 * <p>Threading: {@link #list()} may be called from any thread, must not block on I/O and returns
 * an immutable copy.
 */
@FunctionalInterface
public interface LiveSessions {
    /** No protocol server running: always empty. */
    LiveSessions NONE = List::of;

    List<LiveSession> list();
}

package io.gomsggw.core.store;

import java.util.Optional;

/**
 * Whether the writes of a store succeed now: what {@code /health} reports as the database's state
 * besides a probe of the connection. A store that found its disk full or its database refusing
 * writes says so here until a later write (or its own probe write) succeeds again.
 *
 * <p>Threading: thread-safe, never blocks (it reports what is already known).
 */
@FunctionalInterface
public interface WriteHealth {
    /** Writes succeed. */
    WriteHealth OK = Optional::empty;

    /** Empty while writes succeed; otherwise one line saying what failed (no message content, no secrets). */
    Optional<String> writeFailure();
}

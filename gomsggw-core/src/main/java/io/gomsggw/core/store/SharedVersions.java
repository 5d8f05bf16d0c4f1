package io.gomsggw.core.store;

/**
 * Version counters of state that every node keeps a copy of in memory (e.g. {@code directory}):
 * a node that changes the state bumps its counter; the others compare it with the version their
 * copy was read at.
 *
 * <p>Threading: thread-safe; every method blocks on I/O. Errors: {@link StoreException}.
 */
public interface SharedVersions {
    /** Adds one to the counter {@code name} (created at 0 when missing) and returns the new value. */
    long bump(String name);

    /** The counter's value, 0 when it was never bumped. */
    long read(String name);
}

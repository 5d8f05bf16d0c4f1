package io.gomsggw.core.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Who has opted out of messages from which of the gateway's numbers (an inbound STOP). Keys are
 * E.164 numbers: {@code number} is the gateway client's number, {@code party} the phone that sent
 * STOP.
 *
 * <p>Threading: thread-safe; every method blocks on I/O.
 */
public interface OptOutStore {
    /** Records that {@code party} opted out of {@code number}; again is harmless. */
    void optOut(String number, String party, Instant at);

    /** Removes the opt-out; returns whether there was one. */
    boolean optIn(String number, String party);

    /** When {@code party} opted out of {@code number}, if it has. */
    Optional<Instant> optedOutAt(String number, String party);

    /**
     * Which of {@code parties} opted out of {@code number}: one read for many parties (a batch
     * sends to many numbers from one), where {@link #optedOutAt} would be one read each.
     */
    Set<String> optedOut(String number, Collection<String> parties);
}

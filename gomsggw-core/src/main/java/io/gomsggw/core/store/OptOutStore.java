package io.gomsggw.core.store;

import java.time.Instant;
import java.util.Optional;

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
}

package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.PduDecoder;
import java.time.Duration;
import java.util.Objects;

/**
 * Timers and bounds of one SMPP session.
 *
 * @param maxPduLength        largest {@code command_length} accepted; a longer frame closes the session
 * @param windowSize          requests this side may have unanswered at once (10 toward a PBX: docs/legacy-clients.md)
 * @param maxQueuedRequests   requests waiting for a window slot before {@code send} refuses
 * @param responseTimeout     how long a sent request waits for its response
 * @param enquireLinkInterval after this long without traffic, this side sends {@code enquire_link}
 * @param idleTimeout         after this long without any PDU from the peer, the session is closed
 * @param bindTimeout         a connection that has not bound within this is closed
 * @param peerWindow          requests the peer may have unanswered at once: at this many the session
 *                            stops reading until half of them are answered, and a message request
 *                            already read beyond them is answered {@code ESME_RTHROTTLED}
 */
public record SessionSettings(
        int maxPduLength,
        int windowSize,
        int maxQueuedRequests,
        Duration responseTimeout,
        Duration enquireLinkInterval,
        Duration idleTimeout,
        Duration bindTimeout,
        int peerWindow) {

    /**
     * The defaults: 10-request window, 30 s responses, enquire_link every 30 s, idle after 90 s,
     * bound within 10 s, at most 100 of the peer's requests unanswered.
     */
    public static final SessionSettings DEFAULTS = new SessionSettings(
            PduDecoder.DEFAULT_MAX_PDU_LENGTH,
            10,
            1000,
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofSeconds(90),
            Duration.ofSeconds(10),
            100);

    public SessionSettings {
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(enquireLinkInterval, "enquireLinkInterval");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(bindTimeout, "bindTimeout");
        if (maxPduLength < PduDecoder.HEADER_LENGTH) {
            throw new IllegalArgumentException("maxPduLength must be at least " + PduDecoder.HEADER_LENGTH);
        }
        if (windowSize < 1 || peerWindow < 1) {
            throw new IllegalArgumentException("windowSize and peerWindow must be at least 1");
        }
        if (maxQueuedRequests < 0) {
            throw new IllegalArgumentException("maxQueuedRequests must not be negative");
        }
    }

    public SessionSettings withWindowSize(int size) {
        return new SessionSettings(
                maxPduLength,
                size,
                maxQueuedRequests,
                responseTimeout,
                enquireLinkInterval,
                idleTimeout,
                bindTimeout,
                peerWindow);
    }

    public SessionSettings withResponseTimeout(Duration timeout) {
        return new SessionSettings(
                maxPduLength,
                windowSize,
                maxQueuedRequests,
                timeout,
                enquireLinkInterval,
                idleTimeout,
                bindTimeout,
                peerWindow);
    }

    public SessionSettings withTimers(Duration enquireLink, Duration idle, Duration bind) {
        return new SessionSettings(
                maxPduLength, windowSize, maxQueuedRequests, responseTimeout, enquireLink, idle, bind, peerWindow);
    }

    public SessionSettings withMaxQueuedRequests(int max) {
        return new SessionSettings(
                maxPduLength,
                windowSize,
                max,
                responseTimeout,
                enquireLinkInterval,
                idleTimeout,
                bindTimeout,
                peerWindow);
    }

    public SessionSettings withMaxPduLength(int max) {
        return new SessionSettings(
                max,
                windowSize,
                maxQueuedRequests,
                responseTimeout,
                enquireLinkInterval,
                idleTimeout,
                bindTimeout,
                peerWindow);
    }

    public SessionSettings withPeerWindow(int window) {
        return new SessionSettings(
                maxPduLength,
                windowSize,
                maxQueuedRequests,
                responseTimeout,
                enquireLinkInterval,
                idleTimeout,
                bindTimeout,
                window);
    }
}

package io.gomsggw.smpp.session;

/**
 * What a session holds of its peer's traffic, now and at most so far: the peer's requests not yet
 * answered, and the bytes written to the peer that wait in the gateway because the peer has not
 * read them yet. {@link InboundFlowControl} keeps both bounded; this is what it observed.
 *
 * @param unansweredRequests     the peer's requests not answered yet
 * @param queuedBytes            bytes waiting in the channel's outbound buffer
 * @param peakUnansweredRequests the most unanswered requests seen at once
 * @param peakQueuedBytes        the most bytes seen waiting at once
 * @param throttledRequests      requests answered {@code ESME_RTHROTTLED} because the peer had too many
 *                               unanswered
 * @param readPauses             how often the session stopped reading from the peer
 */
public record SessionBacklog(
        int unansweredRequests,
        long queuedBytes,
        int peakUnansweredRequests,
        long peakQueuedBytes,
        long throttledRequests,
        long readPauses) {

    /** A session that holds nothing. */
    public static final SessionBacklog NONE = new SessionBacklog(0, 0, 0, 0, 0, 0);
}

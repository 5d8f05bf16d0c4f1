package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.CommandId;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests this side has sent and not yet seen answered, each with its response timer, and
 * the bounded queue of requests waiting for a window slot.
 *
 * <p><b>Threading:</b> {@link #tryAdmit} and {@link #release} may be called from any thread;
 * everything else runs on the session's event loop only. Futures are completed on the event loop.
 *
 * <p>Requests the session sends for itself ({@code bind}, {@code enquire_link}, {@code unbind})
 * go out at once, outside the window ({@link #sendUncounted}); they are matched and timed the
 * same way.
 */
final class RequestWindow {
    private static final Logger log = LoggerFactory.getLogger(RequestWindow.class);

    private final String sessionId;
    private final int windowSize;
    private final int capacity;
    private final long timeoutNanos;
    private final EventExecutor loop;
    private final Consumer<RequestPdu> writer;

    /** Counted requests admitted and not finished: in flight, queued, or on their way to the loop. */
    private final AtomicInteger admitted = new AtomicInteger();

    private final Map<Integer, Pending> inFlight = new HashMap<>();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int countedInFlight;
    private boolean closed;

    RequestWindow(String sessionId, SessionSettings settings, EventExecutor loop, Consumer<RequestPdu> writer) {
        this.sessionId = sessionId;
        this.windowSize = settings.windowSize();
        this.capacity = settings.windowSize() + settings.maxQueuedRequests();
        this.timeoutNanos = positiveNanos(settings.responseTimeout());
        this.loop = loop;
        this.writer = writer;
    }

    private static long positiveNanos(Duration d) {
        long nanos = d.toNanos();
        return nanos > 0 ? nanos : Long.MAX_VALUE / 4;
    }

    /** Reserves room for one request in the window or its queue; false when both are full. Any thread. */
    boolean tryAdmit() {
        while (true) {
            int n = admitted.get();
            if (n >= capacity) {
                return false;
            }
            if (admitted.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back a reservation whose request never reached {@link #send}. Any thread. */
    void release() {
        admitted.decrementAndGet();
    }

    /** Sends an admitted request now, or queues it until a slot frees. Event loop only. */
    void send(RequestPdu request, CompletableFuture<ResponsePdu> response) {
        Pending p = new Pending(request, response, true);
        if (closed) {
            finish(p);
            response.completeExceptionally(closedException());
        } else if (countedInFlight < windowSize) {
            write(p);
        } else {
            waiting.add(p);
        }
    }

    /** Sends a request of the session's own at once, outside the window. Event loop only. */
    void sendUncounted(RequestPdu request, CompletableFuture<ResponsePdu> response) {
        if (closed) {
            response.completeExceptionally(closedException());
        } else {
            write(new Pending(request, response, false));
        }
    }

    /** Completes the request {@code response} answers; false when none waits for it. Event loop only. */
    boolean complete(ResponsePdu response) {
        Pending p = inFlight.remove(response.sequenceNumber());
        if (p == null) {
            return false;
        }
        p.timer.cancel(false);
        finish(p);
        p.response.complete(response);
        return true;
    }

    /** Fails every request in flight or queued with {@code CLOSED}; later sends fail too. Event loop only. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Pending> failed = new ArrayList<>(inFlight.values());
        failed.addAll(waiting);
        inFlight.clear();
        waiting.clear();
        countedInFlight = 0;
        for (Pending p : failed) {
            if (p.timer != null) {
                p.timer.cancel(false);
            }
            if (p.counted) {
                admitted.decrementAndGet();
            }
            p.response.completeExceptionally(closedException());
        }
    }

    /** Requests written and not answered (for tests and metrics). Event loop only. */
    int inFlight() {
        return inFlight.size();
    }

    private void write(Pending p) {
        int seq = p.request.sequenceNumber();
        Pending clash = inFlight.put(seq, p);
        if (clash != null) {
            // Only after 2^31 requests with one still unanswered; the older one can no longer be matched.
            clash.timer.cancel(false);
            finish(clash);
            clash.response.completeExceptionally(new SmppSendException(
                    SmppSendException.Reason.TIMEOUT, "sequence number " + seq + " reused before a response came"));
        }
        if (p.counted) {
            countedInFlight++;
        }
        p.timer = loop.schedule(() -> timeout(p), timeoutNanos, TimeUnit.NANOSECONDS);
        writer.accept(p.request);
    }

    private void timeout(Pending p) {
        int seq = p.request.sequenceNumber();
        if (!inFlight.remove(seq, p)) {
            return;
        }
        finish(p);
        log.debug(
                "smpp request timed out session={} command={} seq={}",
                sessionId,
                CommandId.name(p.request.commandId()),
                seq);
        p.response.completeExceptionally(new SmppSendException(
                SmppSendException.Reason.TIMEOUT,
                CommandId.name(p.request.commandId()) + " seq=" + seq + " got no response in time"));
    }

    /** Frees the slot of a request that left the window, and lets a queued one in. */
    private void finish(Pending p) {
        if (!p.counted) {
            return;
        }
        if (p.timer != null) {
            countedInFlight--;
        }
        admitted.decrementAndGet();
        while (!closed && countedInFlight < windowSize && !waiting.isEmpty()) {
            write(waiting.poll());
        }
    }

    private SmppSendException closedException() {
        return new SmppSendException(SmppSendException.Reason.CLOSED, "session " + sessionId + " is closed");
    }

    private static final class Pending {
        final RequestPdu request;
        final CompletableFuture<ResponsePdu> response;
        final boolean counted;
        ScheduledFuture<?> timer;

        Pending(RequestPdu request, CompletableFuture<ResponsePdu> response, boolean counted) {
            this.request = request;
            this.response = response;
            this.counted = counted;
        }
    }
}

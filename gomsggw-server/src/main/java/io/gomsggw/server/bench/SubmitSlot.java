package io.gomsggw.server.bench;

import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.SubmitSm;
import io.gomsggw.smpp.session.SmppSendException;
import io.gomsggw.smpp.session.SmppSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One of the {@code --window} request slots of a submitting bind: it has one {@code submit_sm} in
 * flight at a time and sends the next as soon as the response comes, so a bind with W slots keeps
 * W requests in flight. It takes messages from the {@link LoadPlan}; a long message's parts go
 * one after the other on the same slot, and a part that is refused or unanswered ends its message
 * (the rest is not sent).
 *
 * <p>Latency of a message's first part counts from when it was due (its send time in the closed
 * model, its place on the schedule with {@code --rate}); of a later part, from its send time,
 * which is the moment the previous part was answered.
 *
 * <p>Only one step of a slot runs at a time (each is started by the previous one's response or
 * timer), so its fields need no lock.
 */
final class SubmitSlot {
    private final SmppSession session;
    private final ScheduledExecutorService timer;
    private final SubmitRun run;
    private final SubmitRecorder recorder;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private OutgoingMessage message;
    private boolean measured;
    private int part;

    /**
     * @param session  the bind to submit on
     * @param timer    where to wait for a message that is not due yet (an event loop)
     * @param recorder the bind's figures
     */
    SubmitSlot(SmppSession session, ScheduledExecutorService timer, SubmitRun run, SubmitRecorder recorder) {
        this.session = session;
        this.timer = timer;
        this.run = run;
        this.recorder = recorder;
    }

    /**
     * Starts submitting.
     *
     * @return completes when the plan has no more messages and the last one is finished, or when the
     *         bind has closed
     */
    CompletableFuture<Void> begin() {
        timer.execute(this::nextMessage);
        return finished;
    }

    private void nextMessage() {
        LoadPlan.Ticket ticket = session.isOpen() ? run.plan().next(System.nanoTime()) : null;
        if (ticket == null) {
            finished.complete(null);
            return;
        }
        message = run.messages().next();
        measured = ticket.measured();
        part = 0;
        if (measured && run.trackDeliveries()) {
            run.deliveries().expect(message.id(), ticket.intendedNanos());
        }
        long due = ticket.intendedNanos();
        long delay = due - System.nanoTime();
        if (delay > 0) {
            timer.schedule(() -> send(due), delay, TimeUnit.NANOSECONDS);
        } else {
            send(due);
        }
    }

    private void send(long startNanos) {
        SmFields fields = message.parts().get(part);
        session.send(seq -> new SubmitSm(seq, fields))
                .whenComplete((response, error) -> answered(startNanos, response, error));
    }

    private void answered(long startNanos, ResponsePdu response, Throwable error) {
        long now = System.nanoTime();
        run.answered().increment();
        if (error != null) {
            if (measured) {
                recorder.failure(now);
            }
            messageEnded(false);
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof SmppSendException send && send.reason() == SmppSendException.Reason.CLOSED) {
                finished.complete(null); // the bind is gone; the other slots go on
            } else {
                nextMessage();
            }
            return;
        }
        if (measured) {
            recorder.answer(response.commandStatus(), now - startNanos, now);
        }
        if (!response.isOk()) {
            messageEnded(false);
            nextMessage();
        } else if (++part < message.parts().size()) {
            send(System.nanoTime());
        } else {
            messageEnded(true);
            nextMessage();
        }
    }

    private void messageEnded(boolean accepted) {
        if (!measured) {
            return;
        }
        if (accepted) {
            recorder.messageAccepted();
        } else {
            recorder.messageRefused();
            run.deliveries().forget(message.id());
        }
    }
}

package io.gomsggw.core.pipeline;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.routing.Refusal;

/**
 * The answer to a client's message: stored and queued (the ingress may acknowledge), refused, or
 * (only for a {@link io.gomsggw.core.routing.Submission#idMayExist()} submission) stored already by
 * an earlier attempt.
 */
public sealed interface SubmitResult {
    record Accepted(Message message) implements SubmitResult {}

    record Refused(Refusal refusal) implements SubmitResult {}

    /** A message with the submission's id was stored before: nothing was stored, counted or sent now. */
    record AlreadyStored(Message message) implements SubmitResult {}
}

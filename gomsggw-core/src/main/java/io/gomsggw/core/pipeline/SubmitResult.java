package io.gomsggw.core.pipeline;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.routing.Refusal;

/** The answer to a client's message: stored and queued (the ingress may acknowledge), or refused. */
public sealed interface SubmitResult {
    record Accepted(Message message) implements SubmitResult {}

    record Refused(Refusal refusal) implements SubmitResult {}
}

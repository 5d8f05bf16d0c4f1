package io.gomsggw.core.routing;

import io.gomsggw.core.limits.Admission;
import io.gomsggw.core.model.Message;

/** The router's answer for a client's message: a record ready to store, or a refusal. */
public sealed interface RouteResult {
    /**
     * Routed: store {@code message}; if storing fails, call {@link #release()} to give back what
     * the usage limiter counted.
     */
    record Routed(Message message, Admission.Granted admission) implements RouteResult {
        public void release() {
            admission.release();
        }
    }

    record Refused(Refusal refusal) implements RouteResult {}
}

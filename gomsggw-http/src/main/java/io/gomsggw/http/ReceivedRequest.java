package io.gomsggw.http;

import io.netty.handler.codec.http.HttpRequest;

/**
 * What the {@link BodyAggregator} passes on for each request of a connection, in order: the whole
 * request, or the refusal to send in its turn (so that answers keep the order of the requests).
 */
sealed interface ReceivedRequest {
    /**
     * A request with its whole body.
     *
     * @param head        the request line and headers
     * @param body        the body's bytes (empty when there is none); not copied again
     * @param reservation the body's share of the {@link BodyBudget}, to release once answered
     */
    record Complete(HttpRequest head, byte[] body, BodyBudget.Reservation reservation) implements ReceivedRequest {}

    /**
     * A request answered without a handler: too large, no memory for its body, headers too long.
     *
     * @param response the answer
     * @param close    whether the connection closes after it (the request's bytes cannot be told
     *                 from the next request's)
     */
    record Refused(Response response, boolean close) implements ReceivedRequest {}
}

/**
 * SMPP sessions over Netty, shared by the server and the client. The contract is
 * {@link io.gomsggw.smpp.session.SmppSession}; the application answers requests through
 * {@link io.gomsggw.smpp.session.SmppRequestHandler} and, on the server side, admits connections
 * and decides binds through {@link io.gomsggw.smpp.session.BindGate}.
 *
 * <p>{@link io.gomsggw.smpp.session.SessionPipeline} composes one handler per job around the
 * connection's session state: PROXY protocol header, framing and codec, flow control (the peer's
 * window of unanswered requests and the pause while its answers wait unread), keep-alive
 * ({@code enquire_link} both ways, idle peers), the malformed-PDU policy, the server's or the
 * client's side of the bind, and the dispatch of requests and responses (the window of this
 * side's requests with its response timeout, graceful {@code unbind}).
 */
package io.gomsggw.smpp.session;

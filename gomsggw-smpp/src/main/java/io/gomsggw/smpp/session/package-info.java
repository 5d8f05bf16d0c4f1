/**
 * SMPP sessions over Netty, shared by the server and the client: framing, the bind state,
 * {@code enquire_link} both ways, the window of unanswered requests with its response timeout, and
 * graceful {@code unbind}. The contract is {@link io.gomsggw.smpp.session.SmppSession}; the
 * application answers requests through {@link io.gomsggw.smpp.session.SmppRequestHandler}.
 */
package io.gomsggw.smpp.session;

package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

/**
 * One bound SMPP session, on either side (the gateway's server or its client).
 *
 * <p><b>Threading:</b> thread-safe; no method blocks. {@link #send} may be called from any thread.
 *
 * <p><b>Window:</b> at most {@link SessionSettings#windowSize()} requests sent by this side are
 * unanswered at a time. Further requests wait in a bounded queue
 * ({@link SessionSettings#maxQueuedRequests()}) and are written as answers come back; beyond
 * that {@link #send} fails at once with {@link SmppSendException.Reason#WINDOW_FULL}.
 *
 * <p><b>Peer window:</b> at most {@link SessionSettings#peerWindow()} requests of the peer are
 * unanswered at a time, and the session stops reading while its answers wait unread by the peer;
 * see {@link SessionBacklog}.
 */
public interface SmppSession {

    /** A short identifier unique within this process, for logs. */
    String id();

    /** The {@code system_id} the ESME bound with. */
    String systemId();

    /** How the ESME bound: transmitter, receiver or transceiver. */
    BindMode mode();

    /** The peer's address; with the PROXY protocol, the address the proxy reported. */
    InetSocketAddress remoteAddress();

    /** When the bind succeeded. */
    Instant boundAt();

    /** When the peer last sent a PDU. */
    Instant lastSeen();

    /**
     * What the server's {@code SmppServerHandler} attached when it accepted the bind (e.g. the
     * client record); {@code null} on a client-side session.
     */
    Object attachment();

    /** Whether the session is bound and its channel open. */
    boolean isOpen();

    /**
     * Whether the peer may be sent {@code deliver_sm} (server side: a receiver or transceiver
     * bind) or {@code submit_sm} (client side: a transmitter or transceiver bind).
     */
    boolean canSendMessages();

    /**
     * Sends a request and completes with its response (of any {@code command_status}; a
     * {@code generic_nack} is a response too).
     *
     * @param request builds the request from the sequence number this session assigns
     * @return completes with the response, or exceptionally with {@link SmppSendException} when
     *         the window and its queue are full, no response came within
     *         {@link SessionSettings#responseTimeout()}, or the session closed first
     */
    CompletionStage<ResponsePdu> send(IntFunction<? extends RequestPdu> request);

    /**
     * Ends the session gracefully: sends {@code unbind}, waits for {@code unbind_resp} (at most
     * {@link SessionSettings#responseTimeout()}) and closes the connection. Requests still
     * unanswered fail with {@link SmppSendException.Reason#CLOSED}.
     *
     * @return completes when the connection is closed
     */
    CompletionStage<Void> unbind();

    /** Closes the connection at once, without {@code unbind}. */
    void close();

    /**
     * How much of the peer's traffic the session holds: its unanswered requests and the bytes it
     * has not read yet (see {@link SessionSettings#peerWindow()}). A session that holds nothing,
     * such as a test double, reports {@link SessionBacklog#NONE}.
     */
    default SessionBacklog backlog() {
        return SessionBacklog.NONE;
    }
}

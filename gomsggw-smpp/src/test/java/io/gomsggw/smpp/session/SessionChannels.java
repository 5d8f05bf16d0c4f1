package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.Bind;
import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.DataSm;
import io.gomsggw.smpp.pdu.DataSmResp;
import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.DeliverSmResp;
import io.gomsggw.smpp.pdu.Pdu;
import io.gomsggw.smpp.pdu.PduDecodeException;
import io.gomsggw.smpp.pdu.PduDecoder;
import io.gomsggw.smpp.pdu.PduEncoder;
import io.gomsggw.smpp.pdu.QuerySm;
import io.gomsggw.smpp.pdu.QuerySmResp;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.SubmitSm;
import io.gomsggw.smpp.pdu.SubmitSmResp;
import io.gomsggw.smpp.pdu.Tlvs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * SMPP sessions on {@link EmbeddedChannel}s, driven with the bytes a peer would send: the whole
 * pipeline of {@link SessionPipeline} runs, from framing to the session.
 */
final class SessionChannels {
    static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    static final String USER = "user";
    static final String PASSWORD = "secret";
    static final String ATTACHMENT = "client:user";
    /** Long timers, so that nothing fires unless a test advances the time. */
    static final SessionSettings SETTINGS = SessionSettings.DEFAULTS
            .withResponseTimeout(Duration.ofSeconds(30))
            .withTimers(Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(10));

    private static final PduEncoder ENCODER = new PduEncoder();
    private static final PduDecoder DECODER = new PduDecoder();

    private SessionChannels() {}

    /** An embedded channel whose peer is {@link #PEER}, as a socket's would be. */
    static final class PeerChannel extends EmbeddedChannel {
        PeerChannel(Consumer<Channel> install) {
            super(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel channel) {
                    install.accept(channel);
                }
            });
            freezeTime();
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return PEER;
        }

        /** Sends {@code pdus} as the peer would, in one read. */
        void receive(Pdu... pdus) {
            ByteBuf bytes = Unpooled.buffer();
            for (Pdu pdu : pdus) {
                bytes.writeBytes(ENCODER.encode(pdu));
            }
            writeInbound(bytes);
        }

        /** Sends raw bytes as the peer would. */
        void receive(byte[] bytes) {
            writeInbound(Unpooled.wrappedBuffer(bytes));
        }

        /** What the session wrote to the peer since the last call, decoded. */
        List<Pdu> sent() {
            runPendingTasks();
            List<Pdu> pdus = new ArrayList<>();
            for (ByteBuf b = readOutbound(); b != null; b = readOutbound()) {
                try {
                    pdus.add(DECODER.decode(ByteBufUtil.getBytes(b)));
                } catch (PduDecodeException e) {
                    throw new AssertionError("the session wrote a PDU that does not decode", e);
                } finally {
                    b.release();
                }
            }
            return pdus;
        }
    }

    /** Accepts {@link #USER}/{@link #PASSWORD}, refuses anything else with {@code ESME_RINVPASWD}. */
    static final BindGate GATE = (bind, remote, tls) -> USER.equals(bind.systemId()) && PASSWORD.equals(bind.password())
            ? CompletableFuture.completedFuture(ATTACHMENT)
            : CompletableFuture.failedFuture(new SmppBindException(CommandStatus.ESME_RINVPASWD, "wrong password"));

    /** Answers every message request at once with status 0, or holds the answers when told to. */
    static final class Requests implements SmppRequestHandler {
        final List<RequestPdu> seen = new ArrayList<>();
        final List<Held> held = new ArrayList<>();
        boolean hold;

        record Held(RequestPdu request, CompletableFuture<ResponsePdu> answer) {}

        @Override
        public CompletionStage<? extends ResponsePdu> onRequest(SmppSession session, RequestPdu request) {
            seen.add(request);
            if (hold) {
                CompletableFuture<ResponsePdu> answer = new CompletableFuture<>();
                held.add(new Held(request, answer));
                return answer;
            }
            return CompletableFuture.completedFuture(ok(request));
        }

        /** Answers the oldest held request. */
        void releaseOne() {
            Held h = held.remove(0);
            h.answer().complete(ok(h.request()));
        }

        static ResponsePdu ok(RequestPdu request) {
            int seq = request.sequenceNumber();
            if (request instanceof SubmitSm) {
                return new SubmitSmResp(0, seq, "id-" + seq);
            }
            if (request instanceof DeliverSm) {
                return new DeliverSmResp(0, seq, "");
            }
            if (request instanceof DataSm) {
                return new DataSmResp(0, seq, "id-" + seq, Tlvs.NONE);
            }
            if (request instanceof QuerySm q) {
                return new QuerySmResp(0, seq, q.messageId(), "", 1, 0);
            }
            return request.errorResponse(CommandStatus.ESME_RINVCMDID);
        }
    }

    /** Keeps the bound session. */
    static final class Sessions implements SessionListener {
        SmppSession bound;

        @Override
        public void onBound(SmppSession session) {
            bound = session;
        }
    }

    static PeerChannel smsc(SessionSettings settings, BindGate gate, Requests requests, Sessions sessions) {
        return new PeerChannel(channel -> SessionPipeline.installSmsc(
                channel, settings, false, null, new SmscRole("smsc", gate, requests, sessions)));
    }

    static Bind bind(BindMode mode, int seq) {
        return new Bind(mode, seq, USER, PASSWORD, "", Bind.INTERFACE_VERSION_34, Address.EMPTY);
    }

    static SubmitSm submit(int seq) {
        return new SubmitSm(
                seq,
                SmFields.builder()
                        .source(Address.international("12505550100"))
                        .destination(Address.international("12505550199"))
                        .shortMessage("hello".getBytes(StandardCharsets.US_ASCII))
                        .build());
    }
}

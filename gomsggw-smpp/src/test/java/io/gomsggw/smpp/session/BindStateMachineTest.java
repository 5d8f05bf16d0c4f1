package io.gomsggw.smpp.session;

import static io.gomsggw.smpp.session.SessionChannels.ATTACHMENT;
import static io.gomsggw.smpp.session.SessionChannels.GATE;
import static io.gomsggw.smpp.session.SessionChannels.PASSWORD;
import static io.gomsggw.smpp.session.SessionChannels.SETTINGS;
import static io.gomsggw.smpp.session.SessionChannels.USER;
import static io.gomsggw.smpp.session.SessionChannels.bind;
import static io.gomsggw.smpp.session.SessionChannels.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.Bind;
import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.BindResp;
import io.gomsggw.smpp.pdu.CommandId;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.DataSm;
import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.EnquireLink;
import io.gomsggw.smpp.pdu.EnquireLinkResp;
import io.gomsggw.smpp.pdu.GenericNack;
import io.gomsggw.smpp.pdu.Pdu;
import io.gomsggw.smpp.pdu.QuerySm;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.SubmitSmResp;
import io.gomsggw.smpp.pdu.Tlvs;
import io.gomsggw.smpp.pdu.Unbind;
import io.gomsggw.smpp.pdu.UnbindResp;
import io.gomsggw.smpp.session.SessionChannels.PeerChannel;
import io.gomsggw.smpp.session.SessionChannels.Requests;
import io.gomsggw.smpp.session.SessionChannels.Sessions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bind state machine of both sides, every state against every kind of PDU the peer can send,
 * through the whole pipeline on an {@code EmbeddedChannel}. Each cell says what the session
 * answers ({@code OK}, an error status, or {@code -} for nothing) and whether it then closes the
 * connection ({@code close}, after the one-second linger).
 */
class BindStateMachineTest {
    private static final int PEER_SEQ = 50;
    /** A sequence number no request of the session carries. */
    private static final int UNKNOWN_SEQ = 77;

    private static final List<String> SMSC_STATES =
            List.of("open", "bound_tx", "bound_rx", "bound_trx", "unbinding", "closed");
    private static final String[][] SMSC = {
        // pdu                 open          bound_tx    bound_rx      bound_trx   unbinding   closed
        {"bind_transmitter", "OK", "RALYBND", "RALYBND", "RALYBND", "RALYBND", "RINVBNDSTS"},
        {"bind_receiver", "OK", "RALYBND", "RALYBND", "RALYBND", "RALYBND", "RINVBNDSTS"},
        {"bind_transceiver", "OK", "RALYBND", "RALYBND", "RALYBND", "RALYBND", "RINVBNDSTS"},
        {"submit_sm", "RINVBNDSTS", "OK", "RINVBNDSTS", "OK", "OK", "RINVBNDSTS"},
        {"deliver_sm", "RINVBNDSTS", "RINVBNDSTS", "RINVBNDSTS", "RINVBNDSTS", "RINVBNDSTS", "RINVBNDSTS"},
        {"data_sm", "RINVBNDSTS", "OK", "RINVBNDSTS", "OK", "OK", "RINVBNDSTS"},
        {"query_sm", "RINVBNDSTS", "OK", "RINVBNDSTS", "OK", "OK", "RINVBNDSTS"},
        {"enquire_link", "OK", "OK", "OK", "OK", "OK", "OK"},
        {"unbind", "RINVBNDSTS", "OK close", "OK close", "OK close", "OK close", "RINVBNDSTS"},
        {"unbind_resp", "-", "-", "-", "-", "- close", "-"},
        {"generic_nack", "-", "-", "-", "-", "-", "-"},
        {"submit_sm_resp", "-", "-", "-", "-", "-", "-"},
        {"enquire_link_resp", "-", "-", "-", "-", "-", "-"},
        {"unknown_command", "RINVCMDID", "RINVCMDID", "RINVCMDID", "RINVCMDID", "RINVCMDID", "RINVCMDID"},
    };

    private static final List<String> ESME_STATES =
            List.of("binding", "bound_tx", "bound_rx", "bound_trx", "unbinding");
    private static final String[][] ESME = {
        // pdu                 binding       bound_tx      bound_rx      bound_trx     unbinding
        {"bind_transmitter", "RINVBNDSTS", "RALYBND", "RALYBND", "RALYBND", "RALYBND"},
        {"bind_receiver", "RINVBNDSTS", "RALYBND", "RALYBND", "RALYBND", "RALYBND"},
        {"bind_transceiver", "RINVBNDSTS", "RALYBND", "RALYBND", "RALYBND", "RALYBND"},
        {"submit_sm", "RINVBNDSTS", "RINVBNDSTS", "RINVBNDSTS", "RINVBNDSTS", "RINVBNDSTS"},
        {"deliver_sm", "RINVBNDSTS", "RINVBNDSTS", "OK", "OK", "OK"},
        {"data_sm", "RINVBNDSTS", "RINVBNDSTS", "OK", "OK", "OK"},
        {"query_sm", "RINVBNDSTS", "RINVBNDSTS", "RINVBNDSTS", "RINVBNDSTS", "RINVBNDSTS"},
        {"enquire_link", "OK", "OK", "OK", "OK", "OK"},
        {"unbind", "RINVBNDSTS", "OK close", "OK close", "OK close", "OK close"},
        {"unbind_resp", "-", "-", "-", "-", "- close"},
        {"generic_nack", "-", "-", "-", "-", "-"},
        {"submit_sm_resp", "-", "-", "-", "-", "-"},
        {"enquire_link_resp", "-", "-", "-", "-", "-"},
        {"unknown_command", "RINVCMDID", "RINVCMDID", "RINVCMDID", "RINVCMDID", "RINVCMDID"},
    };

    static Stream<Arguments> smscCells() {
        return cells(SMSC, SMSC_STATES);
    }

    static Stream<Arguments> esmeCells() {
        return cells(ESME, ESME_STATES);
    }

    private static Stream<Arguments> cells(String[][] table, List<String> states) {
        List<Arguments> cells = new ArrayList<>();
        for (String[] row : table) {
            for (int i = 0; i < states.size(); i++) {
                cells.add(Arguments.of(states.get(i), row[0], row[i + 1]));
            }
        }
        return cells.stream();
    }

    /** A session in the state a test needs, and the sequence number of the unbind it sent, if any. */
    private record Entered(PeerChannel channel, int unbindSeq) {}

    @ParameterizedTest(name = "smsc {0} <- {1}: {2}")
    @MethodSource("smscCells")
    void smsc(String state, String pdu, String expected) {
        Requests requests = new Requests();
        Sessions sessions = new Sessions();
        PeerChannel channel = SessionChannels.smsc(SETTINGS, GATE, requests, sessions);
        int unbindSeq = UNKNOWN_SEQ;
        switch (state) {
            case "open" -> {}
            case "bound_tx" -> bindSmsc(channel, BindMode.TRANSMITTER);
            case "bound_rx" -> bindSmsc(channel, BindMode.RECEIVER);
            case "bound_trx" -> bindSmsc(channel, BindMode.TRANSCEIVER);
            case "unbinding" -> {
                bindSmsc(channel, BindMode.TRANSCEIVER);
                unbindSeq = unbind(channel, sessions);
            }
            case "closed" -> {
                channel.receive(new Bind(BindMode.TRANSCEIVER, 1, USER, "wrong", "", 0x34, Address.EMPTY));
                assertThat(channel.sent())
                        .singleElement()
                        .extracting(Pdu::commandStatus)
                        .isEqualTo(CommandStatus.ESME_RINVPASWD.code());
            }
            default -> throw new IllegalArgumentException(state);
        }
        check(new Entered(channel, unbindSeq), state.equals("closed"), pdu, expected);
        if (expected.startsWith("OK") && pdu.startsWith("bind") && state.equals("open")) {
            assertThat(sessions.bound.attachment()).isEqualTo(ATTACHMENT);
            assertThat(sessions.bound.mode()).isEqualTo(modeOf(pdu));
        }
    }

    @ParameterizedTest(name = "esme {0} <- {1}: {2}")
    @MethodSource("esmeCells")
    void esme(String state, String pdu, String expected) {
        Requests requests = new Requests();
        Sessions sessions = new Sessions();
        BindMode mode = switch (state) {
            case "bound_tx" -> BindMode.TRANSMITTER;
            case "bound_rx" -> BindMode.RECEIVER;
            default -> BindMode.TRANSCEIVER;
        };
        PeerChannel channel = new PeerChannel(ch -> SessionPipeline.installEsme(
                ch, SETTINGS, null, new EsmeRole(seq -> bind(mode, seq), requests, sessions)));
        List<Pdu> sent = channel.sent();
        assertThat(sent).singleElement().isInstanceOf(Bind.class);
        Bind bind = (Bind) sent.get(0);
        int unbindSeq = UNKNOWN_SEQ;
        if (!state.equals("binding")) {
            channel.receive(bind.okResponse("smsc"));
            assertThat(sessions.bound).isNotNull();
            assertThat(sessions.bound.mode()).isEqualTo(mode);
        }
        if (state.equals("unbinding")) {
            unbindSeq = unbind(channel, sessions);
        }
        check(new Entered(channel, unbindSeq), false, pdu, expected);
    }

    private static void bindSmsc(PeerChannel channel, BindMode mode) {
        channel.receive(new Bind(mode, 1, USER, PASSWORD, "", 0x34, Address.EMPTY));
        assertThat(channel.sent())
                .singleElement()
                .isInstanceOfSatisfying(
                        BindResp.class, r -> assertThat(r.commandStatus()).isZero());
    }

    private static int unbind(PeerChannel channel, Sessions sessions) {
        sessions.bound.unbind();
        List<Pdu> sent = channel.sent();
        assertThat(sent).singleElement().isInstanceOf(Unbind.class);
        return sent.get(0).sequenceNumber();
    }

    private static void check(Entered entered, boolean closing, String pdu, String expected) {
        PeerChannel channel = entered.channel();
        InboundFlowControl flow = channel.pipeline().get(InboundFlowControl.class);
        Pdu request = pdu(pdu, entered.unbindSeq());
        if (request == null) {
            // submit_multi (0x21): a real SMPP command this gateway does not support
            channel.receive(ByteBuffer.allocate(16)
                    .putInt(16)
                    .putInt(0x21)
                    .putInt(0)
                    .putInt(PEER_SEQ)
                    .array());
        } else {
            channel.receive(request);
        }
        String answer = expected.split(" ")[0];
        List<Pdu> sent = channel.sent();
        if (answer.equals("-")) {
            assertThat(sent).isEmpty();
        } else {
            int status = answer.equals("OK")
                    ? 0
                    : CommandStatus.valueOf("ESME_" + answer).code();
            int commandId = request == null ? CommandId.GENERIC_NACK : request.commandId() | CommandId.RESPONSE_MASK;
            assertThat(sent).singleElement().satisfies(r -> {
                assertThat(r).isInstanceOf(ResponsePdu.class);
                assertThat(CommandId.name(r.commandId())).isEqualTo(CommandId.name(commandId));
                assertThat(CommandStatus.name(r.commandStatus())).isEqualTo(CommandStatus.name(status));
                assertThat(r.sequenceNumber()).isEqualTo(PEER_SEQ);
            });
        }
        assertThat(flow.backlog(channel).unansweredRequests())
                .as("every request answered")
                .isZero();

        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runPendingTasks();
        boolean closes = expected.endsWith("close");
        if (closes || closing) {
            assertThat(channel.isOpen()).as("closed").isFalse();
        } else {
            assertThat(channel.isOpen()).as("still open").isTrue();
        }
        channel.finishAndReleaseAll();
    }

    /** The PDU a row names, from the peer; {@code null} for the unknown command. */
    private static Pdu pdu(String name, int unbindSeq) {
        return switch (name) {
            case "bind_transmitter", "bind_receiver", "bind_transceiver" -> bind(modeOf(name), PEER_SEQ);
            case "submit_sm" -> submit(PEER_SEQ);
            case "deliver_sm" -> new DeliverSm(PEER_SEQ, SmFields.builder().build());
            case "data_sm" ->
                new DataSm(
                        PEER_SEQ,
                        "",
                        Address.international("12505550100"),
                        Address.international("12505550199"),
                        0,
                        0,
                        0,
                        Tlvs.NONE);
            case "query_sm" -> new QuerySm(PEER_SEQ, "id-1", Address.EMPTY);
            case "enquire_link" -> new EnquireLink(PEER_SEQ);
            case "unbind" -> new Unbind(PEER_SEQ);
            case "unbind_resp" -> new UnbindResp(0, unbindSeq);
            case "generic_nack" -> new GenericNack(CommandStatus.ESME_RSYSERR.code(), UNKNOWN_SEQ);
            case "submit_sm_resp" -> new SubmitSmResp(0, UNKNOWN_SEQ, "x");
            case "enquire_link_resp" -> new EnquireLinkResp(0, UNKNOWN_SEQ);
            case "unknown_command" -> null;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static BindMode modeOf(String bindPdu) {
        return switch (bindPdu) {
            case "bind_transmitter" -> BindMode.TRANSMITTER;
            case "bind_receiver" -> BindMode.RECEIVER;
            default -> BindMode.TRANSCEIVER;
        };
    }
}

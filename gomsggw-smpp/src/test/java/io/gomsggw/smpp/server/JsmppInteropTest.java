package io.gomsggw.smpp.server;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.SubmitSm;
import io.gomsggw.smpp.session.SessionSettings;
import io.gomsggw.smpp.session.SmppSession;
import io.gomsggw.smpp.testing.TestServerHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** jsmpp, an SMPP client nobody here wrote, against our server. */
class JsmppInteropTest {
    private static final SessionSettings SETTINGS = SessionSettings.DEFAULTS
            .withResponseTimeout(Duration.ofSeconds(5))
            .withTimers(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(10));

    private final TestServerHandler handler = new TestServerHandler();
    private final List<org.jsmpp.bean.DeliverSm> received = new CopyOnWriteArrayList<>();
    private SmppServer server;
    private SMPPSession jsmpp;

    @BeforeEach
    void start() throws Exception {
        server = SmppServer.start(
                SmppServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .withSettings(SETTINGS),
                handler);
        jsmpp = new SMPPSession();
        jsmpp.setTransactionTimer(5_000);
        jsmpp.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(org.jsmpp.bean.DeliverSm deliverSm) {
                received.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {}

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
                return null;
            }
        });
    }

    @AfterEach
    void stop() {
        jsmpp.close();
        server.close();
    }

    private void bind(String password) throws IOException {
        jsmpp.connectAndBind(
                "127.0.0.1",
                server.address().getPort(),
                new BindParameter(
                        BindType.BIND_TRX,
                        TestServerHandler.USER,
                        password,
                        "cp",
                        TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN,
                        null));
    }

    @Test
    void bindsAndSubmits() throws Exception {
        bind(TestServerHandler.PASSWORD);
        String messageId = jsmpp.submitShortMessage(
                        "CMT",
                        TypeOfNumber.INTERNATIONAL,
                        NumberingPlanIndicator.ISDN,
                        "12505550100",
                        TypeOfNumber.INTERNATIONAL,
                        NumberingPlanIndicator.ISDN,
                        "12505550199",
                        new ESMClass(),
                        (byte) 0,
                        (byte) 1,
                        null,
                        null,
                        new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT),
                        (byte) 0,
                        new GeneralDataCoding(Alphabet.ALPHA_DEFAULT, MessageClass.CLASS1, false),
                        (byte) 0,
                        "hello".getBytes(StandardCharsets.US_ASCII))
                .getMessageId();
        assertThat(messageId).isEqualTo("msg-1");
        assertThat(handler.requests).singleElement().isInstanceOfSatisfying(SubmitSm.class, s -> {
            assertThat(s.sm().serviceType()).isEqualTo("CMT");
            assertThat(s.sm().destination()).isEqualTo(Address.international("12505550199"));
            assertThat(s.sm().shortMessage()).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
        });
        assertThat(handler.binds.get(0).bind().systemType()).isEqualTo("cp");
    }

    @Test
    void aWrongPasswordIsRefusedWithInvalidPassword() {
        Throwable error = catchThrowable(() -> bind("wrong"));
        assertThat(error).isInstanceOf(IOException.class).hasCauseInstanceOf(NegativeResponseException.class);
        assertThat(((NegativeResponseException) error.getCause()).getCommandStatus())
                .isEqualTo(CommandStatus.ESME_RINVPASWD.code());
        assertThat(handler.bound).isEmpty();
    }

    @Test
    void receivesDeliverSm() throws Exception {
        bind(TestServerHandler.PASSWORD);
        await("bound", () -> server.sessions().size() == 1);
        SmppSession session = server.sessions().get(0);
        ResponsePdu resp = session.send(seq -> new DeliverSm(
                        seq,
                        SmFields.builder()
                                .source(Address.international("12505550199"))
                                .destination(Address.international("12505550100"))
                                .shortMessage("reply".getBytes(StandardCharsets.US_ASCII))
                                .build()))
                .toCompletableFuture()
                .get();
        assertThat(resp.isOk()).isTrue();
        assertThat(received).singleElement().satisfies(d -> {
            assertThat(d.getShortMessage()).isEqualTo("reply".getBytes(StandardCharsets.US_ASCII));
            assertThat(d.getSourceAddr()).isEqualTo("12505550199");
        });
    }

    @Test
    void answersJsmppsEnquireLink() throws Exception {
        jsmpp.setEnquireLinkTimer(50);
        jsmpp.setTransactionTimer(2_000);
        bind(TestServerHandler.PASSWORD);
        await("bound", () -> server.sessions().size() == 1);
        SmppSession session = server.sessions().get(0);
        // jsmpp sends enquire_link one at a time and closes the session when one is not answered;
        // after the bind only enquire_link moves lastSeen, so three of them mean answered.
        List<Instant> seen = new CopyOnWriteArrayList<>();
        await("three enquire_links", () -> {
            Instant last = session.lastSeen();
            if (last.isAfter(session.boundAt()) && (seen.isEmpty() || last.isAfter(seen.get(seen.size() - 1)))) {
                seen.add(last);
            }
            return seen.size() >= 3;
        });
        assertThat(jsmpp.getSessionState()).isEqualTo(SessionState.BOUND_TRX);
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void unbindsCleanly() throws Exception {
        bind(TestServerHandler.PASSWORD);
        await("bound", () -> handler.bound.size() == 1);
        jsmpp.unbindAndClose();
        await("onClosed", () -> handler.closed.size() == 1);
        assertThat(handler.closed).containsExactlyElementsOf(handler.bound);
        assertThat(server.sessions()).isEmpty();
        assertThat(jsmpp.getSessionState()).isEqualTo(SessionState.CLOSED);
    }
}

package io.gomsggw.smpp.server;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.session.SessionSettings;
import io.gomsggw.smpp.testing.TestServerHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cloudhopper SMPP (on Netty 3), an SMPP client nobody here wrote, against our server. */
@SuppressWarnings("rawtypes") // Cloudhopper's handler API uses the raw PduRequest type
class CloudhopperInteropTest {
    private static final SessionSettings SETTINGS = SessionSettings.DEFAULTS
            .withResponseTimeout(Duration.ofSeconds(5))
            .withTimers(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(10));

    private final TestServerHandler handler = new TestServerHandler();
    private final List<PduRequest> received = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private DefaultSmppClient cloudhopper;
    private SmppServer server;

    @BeforeEach
    void start() throws Exception {
        server = SmppServer.start(
                SmppServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .withSettings(SETTINGS),
                handler);
        cloudhopper = new DefaultSmppClient(executor, 1);
    }

    @AfterEach
    void stop() {
        cloudhopper.destroy();
        executor.shutdownNow();
        server.close();
    }

    private com.cloudhopper.smpp.SmppSession bind(SmppBindType type) throws Exception {
        return bind(type, TestServerHandler.USER, TestServerHandler.PASSWORD);
    }

    private com.cloudhopper.smpp.SmppSession bind(SmppBindType type, String systemId, String password)
            throws Exception {
        SmppSessionConfiguration config = new SmppSessionConfiguration();
        config.setName("cloudhopper-test");
        config.setType(type);
        config.setHost("127.0.0.1");
        config.setPort(server.address().getPort());
        config.setSystemId(systemId);
        config.setPassword(password);
        config.setBindTimeout(5_000);
        config.setRequestExpiryTimeout(5_000);
        config.setWindowSize(5);
        return cloudhopper.bind(config, new DefaultSmppSessionHandler() {
            @Override
            public PduResponse firePduRequestReceived(PduRequest request) {
                received.add(request);
                return request.createResponse();
            }
        });
    }

    private static SubmitSm submit() throws Exception {
        SubmitSm sm = new SubmitSm();
        sm.setSourceAddress(new com.cloudhopper.smpp.type.Address((byte) 1, (byte) 1, "12505550100"));
        sm.setDestAddress(new com.cloudhopper.smpp.type.Address((byte) 1, (byte) 1, "12505550199"));
        sm.setShortMessage("hello".getBytes(StandardCharsets.US_ASCII));
        return sm;
    }

    @Test
    void bindsAndSubmits() throws Exception {
        com.cloudhopper.smpp.SmppSession session = bind(SmppBindType.TRANSCEIVER);
        SubmitSmResp resp = session.submit(submit(), 5_000);
        assertThat(resp.getCommandStatus()).isZero();
        assertThat(resp.getMessageId()).isEqualTo("msg-1");
        assertThat(session.enquireLink(new EnquireLink(), 5_000).getCommandStatus())
                .isZero();
        session.unbind(5_000);
        await("onClosed", () -> handler.closed.size() == 1);
    }

    @Test
    void bindsWithCredentialsLongerThanSmpp34Allows() throws Exception {
        com.cloudhopper.smpp.SmppSession session =
                bind(SmppBindType.TRANSCEIVER, TestServerHandler.LONG_USER, TestServerHandler.LONG_PASSWORD);
        assertThat(session.submit(submit(), 5_000).getCommandStatus()).isZero();
        assertThat(handler.binds).singleElement().satisfies(b -> {
            assertThat(b.bind().systemId())
                    .isEqualTo(TestServerHandler.LONG_USER)
                    .hasSize(40);
            assertThat(b.bind().password())
                    .isEqualTo(TestServerHandler.LONG_PASSWORD)
                    .hasSize(30);
        });
    }

    @Test
    void receivesDeliverSm() throws Exception {
        bind(SmppBindType.TRANSCEIVER);
        await("bound", () -> server.sessions().size() == 1);
        ResponsePdu resp = server.sessions()
                .get(0)
                .send(seq -> new DeliverSm(
                        seq,
                        SmFields.builder()
                                .source(Address.international("12505550199"))
                                .destination(Address.international("12505550100"))
                                .shortMessage("reply".getBytes(StandardCharsets.US_ASCII))
                                .build()))
                .toCompletableFuture()
                .get();
        assertThat(resp.isOk()).isTrue();
        assertThat(received)
                .singleElement()
                .isInstanceOfSatisfying(
                        com.cloudhopper.smpp.pdu.DeliverSm.class,
                        d -> assertThat(d.getShortMessage()).isEqualTo("reply".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aReceiverThatSubmitsGetsInvalidBindStatus() throws Exception {
        com.cloudhopper.smpp.SmppSession session = bind(SmppBindType.RECEIVER);
        SubmitSmResp resp = session.submit(submit(), 5_000);
        assertThat(resp.getCommandStatus()).isEqualTo(CommandStatus.ESME_RINVBNDSTS.code());
        assertThat(handler.requests).isEmpty();
    }
}

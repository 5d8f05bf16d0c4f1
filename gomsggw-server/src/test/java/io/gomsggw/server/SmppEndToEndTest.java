package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.smpp.charset.DataCoding;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.text.MessagePart;
import io.gomsggw.smpp.text.Reassembler;
import io.gomsggw.smpp.text.Udh;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled gateway with PBXs played by jsmpp, an SMPP client nobody here wrote: binds, submits,
 * long messages both ways, delivery receipts that jsmpp itself parses, error statuses and failover.
 */
class SmppEndToEndTest {
    private static final String PBX = "12505550001";
    private static final String APP = "12505550002";

    @TempDir
    Path workingDirectory;

    private SmppGatewayFixture gw;
    private final List<AutoCloseable> pbxs = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable pbx : pbxs) {
            pbx.close();
        }
        if (gw != null) gw.close();
    }

    private void start() throws Exception {
        gw = new SmppGatewayFixture(workingDirectory);
    }

    private HttpProbe admin() {
        return gw.admin();
    }

    private long legacyClient(String username, String number) throws Exception {
        return gw.legacyClient(username, number);
    }

    private JsmppPbx bind(String username) throws Exception {
        JsmppPbx pbx = new JsmppPbx(gw.smppPort(), username, SmppGatewayFixture.smppPassword(username));
        pbxs.add(pbx);
        return pbx;
    }

    @Test
    void aPbxAndAWebAppTalkBothWaysWithReceiptsJsmppCanRead() throws Exception {
        start();
        long pbxId = legacyClient("pbx", PBX);
        gw.webClient("app", APP);
        JsmppPbx pbx = bind("pbx");

        String id = pbx.submit(PBX, APP, "hello app", true);
        Eventually.await("the app's webhook", () -> !gw.receiver.where("id", id).isEmpty());
        JsonNode webhook = gw.receiver.where("id", id).get(0);
        assertThat(webhook.get("from").asText()).isEqualTo("+" + PBX);
        assertThat(webhook.get("text").asText()).isEqualTo("hello app");
        Eventually.await("the receipt", () -> !pbx.receipts().isEmpty());
        DeliverSm receipt = pbx.receipts().get(0);
        org.jsmpp.bean.DeliveryReceipt parsed = receipt.getShortMessageAsDeliveryReceipt();
        assertThat(parsed.getId()).isEqualTo(id);
        assertThat(parsed.getFinalStatus()).isEqualTo(DeliveryReceiptState.DELIVRD);
        assertThat(parsed.getText()).isEqualTo("hello app");
        assertThat(receipt.getSourceAddr()).isEqualTo(APP);
        assertThat(receipt.getDestAddress()).isEqualTo(PBX);

        // A long message in two UDH parts: each part is answered with the id of the whole.
        String first = "The first part of a long message, sent by a PBX that splits it itself with a UDH. ";
        String second = "And the second part.";
        ESMClass udhi = new ESMClass((byte) SmFields.ESM_UDHI);
        String idOfPart1 = pbx.submit(PBX, APP, udhi, withUdh(Udh.concat8(99, 2, 1), first), false);
        String idOfPart2 = pbx.submit(PBX, APP, udhi, withUdh(Udh.concat8(99, 2, 2), second), false);
        assertThat(idOfPart2).isEqualTo(idOfPart1);
        Eventually.await(
                "the long message", () -> !gw.receiver.where("id", idOfPart1).isEmpty());
        assertThat(gw.receiver.where("id", idOfPart1).get(0).get("text").asText())
                .isEqualTo(first + second);

        // The app answers with a long emoji text: the PBX gets UCS-2 parts that reassemble to it.
        String reply = "Got it \uD83D\uDC4D see you at the meeting in room 4 \u2014 bring the slides ".repeat(2);
        assertThat(gw.webSend("app", APP, PBX, reply).status()).isEqualTo(202);
        Eventually.await("the reply's parts", () -> pbx.messages().size() >= 2);
        assertThat(reassemble(pbx.messages())).contains(reply);
        assertThat(pbx.messages()).allSatisfy(d -> assertThat(d.getSourceAddr()).isEqualTo(APP));

        // Out through the carrier: the loopback carrier reports it delivered, so does the receipt.
        String external = pbx.submit(PBX, "16045550003", "to the outside world", true);
        Eventually.await("the carrier's receipt", () -> pbx.receipts().stream().anyMatch(r -> receiptFor(r, external)));

        JsonNode stats = admin().get("/stats").body();
        assertThat(stats.get("smpp_connected_clients").asInt()).isEqualTo(1);
        JsonNode status = admin().get("/clients/" + pbxId + "/smpp-status").body();
        assertThat(status.toString()).contains("127.0.0.1");
    }

    @Test
    void refusalsCarryTheirSmppStatus() throws Exception {
        start();
        long pbxId = legacyClient("pbx", PBX);
        legacyClient("other", "12505550009");
        gw.legacyClient("remote", "12505550007", "192.0.2.44");
        admin().put("/clients/" + pbxId + "/settings", "{\"sms_burst_limit\": 1}");

        assertThat(bindStatus("pbx", "wrong")).as("ESME_RINVPASWD").isEqualTo(0x0E);
        assertThat(bindStatus("nobody", "pw")).as("ESME_RINVSYSID").isEqualTo(0x0F);
        assertThat(bindStatus("remote", SmppGatewayFixture.smppPassword("remote")))
                .as("ESME_RBINDFAIL: not from 192.0.2.44")
                .isEqualTo(0x0D);
        JsmppPbx pbx = bind("pbx");

        assertThat(status(() -> pbx.submit("12505550009", APP, "spoofed", false)))
                .as("ESME_RINVSRCADR")
                .isEqualTo(0x0A);
        assertThat(status(() -> pbx.submit(PBX, "12ab", "bad to", false)))
                .as("ESME_RINVDSTADR")
                .isEqualTo(0x0B);
        pbx.submit(PBX, "12505550009", "within the burst limit", false);
        assertThat(status(() -> pbx.submit(PBX, "12505550009", "over the burst limit", false)))
                .as("ESME_RTHROTTLED")
                .isEqualTo(0x58);
    }

    @Test
    void aMessageForAnUnboundPbxGoesToItsBoundFailover() throws Exception {
        start();
        long pbxId = legacyClient("pbx", PBX);
        long backupId = legacyClient("backup", "12505550008");
        gw.webClient("app", APP);
        assertThat(admin().post(
                                "/clients/" + pbxId + "/failovers",
                                "{\"fallback_client_id\":" + backupId + ",\"priority\":1,\"enabled\":true}")
                        .status())
                .isEqualTo(201);
        JsmppPbx backup = bind("backup");

        assertThat(gw.webSend("app", APP, PBX, "for the pbx").status()).isEqualTo(202);

        Eventually.await("the failover's deliver_sm", () -> !backup.messages().isEmpty());
        DeliverSm delivered = backup.messages().get(0);
        assertThat(delivered.getDestAddress()).isEqualTo(PBX);
        assertThat(new String(delivered.getShortMessage(), StandardCharsets.US_ASCII))
                .isEqualTo("for the pbx");
    }

    private int bindStatus(String systemId, String password) {
        try (JsmppPbx unexpected = new JsmppPbx(gw.smppPort(), systemId, password)) {
            throw new AssertionError("the bind was accepted");
        } catch (java.io.IOException e) {
            assertThat(e.getCause()).isInstanceOf(NegativeResponseException.class);
            return ((NegativeResponseException) e.getCause()).getCommandStatus();
        }
    }

    private interface Submit {
        String run() throws Exception;
    }

    private static int status(Submit submit) {
        try {
            submit.run();
        } catch (NegativeResponseException e) {
            return e.getCommandStatus();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the submit was accepted");
    }

    private static boolean receiptFor(DeliverSm receipt, String id) {
        try {
            org.jsmpp.bean.DeliveryReceipt parsed = receipt.getShortMessageAsDeliveryReceipt();
            return parsed.getId().equals(id) && parsed.getFinalStatus() == DeliveryReceiptState.DELIVRD;
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] withUdh(byte[] udh, String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[udh.length + body.length];
        System.arraycopy(udh, 0, all, 0, udh.length);
        System.arraycopy(body, 0, all, udh.length, body.length);
        return all;
    }

    /** The parts' text put back together with our own reassembler, from what jsmpp received. */
    private static Optional<String> reassemble(List<DeliverSm> parts) throws Exception {
        Reassembler reassembler = new Reassembler(Clock.systemUTC(), Duration.ofMinutes(1), 10, DataCoding.STANDARD);
        Reassembler.Result result = null;
        for (DeliverSm d : parts) {
            SmFields sm = SmFields.builder()
                    .esmClass(d.getEsmClass())
                    .dataCoding(d.getDataCoding())
                    .shortMessage(d.getShortMessage())
                    .build();
            MessagePart part = io.gomsggw.smpp.text.MessageParts.STANDARD.of(sm);
            result = reassembler.offer(
                    new Reassembler.Fragment("a", "b", part.concat().orElseThrow(), part.dataCoding(), part.payload()));
        }
        return result instanceof Reassembler.Complete complete ? complete.text() : Optional.empty();
    }
}

package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.commons.gsm.GsmUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.Address;
import io.gomsggw.core.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.LongSMS;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two SMPP libraries nobody here wrote talk through the assembled gateway: jsmpp and Cloudhopper
 * submit a short GSM-7 text, a 300-character UCS-2 text with emoji and a 400-character GSM-7 text
 * with {@code €} (long ones split by the sender's own library); a Cloudhopper client bound as the
 * recipient receives each and reassembles it with Cloudhopper's own GSM utilities to exactly the
 * text sent; every sender gets a receipt naming its message id in {@code receipted_message_id}.
 */
@SuppressWarnings("rawtypes") // Cloudhopper's handler API uses the raw PduRequest type
class SmppInteropEndToEndTest {
    private static final String JSMPP_NUMBER = "12505550011";
    private static final String CLOUDHOPPER_NUMBER = "12505550012";
    private static final String RECIPIENT_NUMBER = "12505550013";

    static final String SHORT = "Hello from the PBX";
    static final String UCS2 = fit("Grüße 👋 from Zürich — meeting at 10 ☕ in room 4, bring the 📎 slides. ", 300);
    static final String GSM = fit("Invoice 2026-11: total 25€ {paid} [ref ~42] ^ | \\ due today. ", 400);

    @TempDir
    Path workingDirectory;

    private SmppGatewayFixture gw;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private DefaultSmppClient cloudhopper;
    private final List<PduRequest> recipientGot = new CopyOnWriteArrayList<>();
    private final List<PduRequest> cloudhopperSenderGot = new CopyOnWriteArrayList<>();
    private final List<com.cloudhopper.smpp.SmppSession> sessions = new ArrayList<>();
    private JsmppPbx jsmpp;

    @BeforeEach
    void start() throws Exception {
        gw = new SmppGatewayFixture(workingDirectory);
        gw.legacyClient("jsmpp", JSMPP_NUMBER);
        gw.legacyClient("ch-send", CLOUDHOPPER_NUMBER);
        gw.legacyClient("ch-recv", RECIPIENT_NUMBER);
        cloudhopper = new DefaultSmppClient(executor, 2);
    }

    @AfterEach
    void stop() throws Exception {
        if (jsmpp != null) jsmpp.close();
        for (com.cloudhopper.smpp.SmppSession session : sessions) {
            session.unbind(5_000);
        }
        cloudhopper.destroy();
        executor.shutdownNow();
        gw.close();
    }

    private com.cloudhopper.smpp.SmppSession bindCloudhopper(String username, List<PduRequest> received)
            throws Exception {
        return bindCloudhopper(username, SmppGatewayFixture.smppPassword(username), received);
    }

    private com.cloudhopper.smpp.SmppSession bindCloudhopper(
            String username, String password, List<PduRequest> received) throws Exception {
        SmppSessionConfiguration config = new SmppSessionConfiguration();
        config.setName(username);
        config.setType(SmppBindType.TRANSCEIVER);
        config.setHost("127.0.0.1");
        config.setPort(gw.smppPort());
        config.setSystemId(username);
        config.setPassword(password);
        config.setBindTimeout(10_000);
        config.setRequestExpiryTimeout(10_000);
        config.setWindowSize(10);
        com.cloudhopper.smpp.SmppSession session = cloudhopper.bind(config, new DefaultSmppSessionHandler() {
            @Override
            public PduResponse firePduRequestReceived(PduRequest request) {
                received.add(request);
                return request.createResponse();
            }
        });
        sessions.add(session);
        return session;
    }

    @Test
    void jsmppAndCloudhopperTextsReachAnotherClientExactlyAndComeBackAsReceipts() throws Exception {
        bindCloudhopper("ch-recv", recipientGot);
        com.cloudhopper.smpp.SmppSession chSender = bindCloudhopper("ch-send", cloudhopperSenderGot);
        jsmpp = new JsmppPbx(gw.smppPort(), "jsmpp", SmppGatewayFixture.smppPassword("jsmpp"));

        List<String> jsmppIds = new ArrayList<>();
        for (String text : List.of(SHORT, UCS2, GSM)) {
            jsmppIds.add(submitWithJsmpp(text));
        }
        List<String> cloudhopperIds = new ArrayList<>();
        for (String text : List.of(SHORT, UCS2, GSM)) {
            cloudhopperIds.add(submitWithCloudhopper(chSender, text));
        }

        Eventually.await(
                "six whole messages at the recipient",
                () -> reassembled(recipientGot, JSMPP_NUMBER).size() == 3
                        && reassembled(recipientGot, CLOUDHOPPER_NUMBER).size() == 3);
        assertThat(reassembled(recipientGot, JSMPP_NUMBER)).containsExactly(SHORT, UCS2, GSM);
        assertThat(reassembled(recipientGot, CLOUDHOPPER_NUMBER)).containsExactly(SHORT, UCS2, GSM);

        Eventually.await("jsmpp's three receipts", () -> jsmpp.receipts().size() == 3);
        assertThat(jsmpp.receipts())
                .extracting(receipt -> ((OptionalParameter.COctetString)
                                receipt.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID))
                        .getValueAsString())
                .containsExactlyInAnyOrderElementsOf(jsmppIds);
        Eventually.await(
                "Cloudhopper's three receipts",
                () -> receipts(cloudhopperSenderGot).size() == 3);
        assertThat(receipts(cloudhopperSenderGot)).containsExactlyInAnyOrderElementsOf(cloudhopperIds);
    }

    @Test
    void aPbxConfiguredForTheGoGatewayBindsWithCredentialsLongerThanSmpp34Allows() throws Exception {
        String username = "zultys-mx-headquarters-vancouver-main-01"; // 40 characters
        String password = "a-thirty-character-password-30"; // 30 characters
        HttpProbe.Reply created = gw.admin()
                .post(
                        "/clients",
                        "{\"username\":\"" + username + "\",\"password\":\"" + password
                                + "\",\"type\":\"legacy\",\"address\":\"localhost\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(gw.admin()
                        .post(
                                "/clients/" + created.body().get("id").asLong() + "/numbers",
                                "{\"number\":\"+12505550014\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);

        com.cloudhopper.smpp.SmppSession session = bindCloudhopper(username, password, cloudhopperSenderGot);
        SubmitSm submit = new SubmitSm();
        submit.setSourceAddress(new Address((byte) 1, (byte) 1, "12505550014"));
        submit.setDestAddress(new Address((byte) 1, (byte) 1, RECIPIENT_NUMBER));
        submit.setShortMessage(CharsetUtil.encode(SHORT, CharsetUtil.CHARSET_GSM));
        assertThat(session.submit(submit, 10_000).getCommandStatus()).isZero();
    }

    /** Submits with jsmpp; a long text goes as parts made by jsmpp's own {@link LongSMS}. Returns the id. */
    private String submitWithJsmpp(String text) throws Exception {
        boolean gsm = text != UCS2;
        byte[] encoded = encode(text, gsm);
        if (encoded.length <= 140) {
            return jsmpp.submit(JSMPP_NUMBER, RECIPIENT_NUMBER, new ESMClass(), encoded, true, gsm ? 0 : 8);
        }
        String id = null;
        for (byte[] part : LongSMS.splitMessage8Bit(encoded)) {
            id = jsmpp.submit(
                    JSMPP_NUMBER,
                    RECIPIENT_NUMBER,
                    new ESMClass((byte) SmppConstants.ESM_CLASS_UDHI_MASK),
                    part,
                    true,
                    gsm ? 0 : 8);
        }
        return id;
    }

    /** Submits with Cloudhopper; a long text goes as parts made by Cloudhopper's own {@link GsmUtil}. */
    private String submitWithCloudhopper(com.cloudhopper.smpp.SmppSession session, String text) throws Exception {
        boolean gsm = text != UCS2;
        byte[] encoded = encode(text, gsm);
        byte[][] parts = encoded.length <= 140
                ? new byte[][] {encoded}
                : GsmUtil.createConcatenatedBinaryShortMessages(encoded, (byte) 77);
        String id = null;
        for (byte[] part : parts) {
            SubmitSm submit = new SubmitSm();
            submit.setSourceAddress(new Address((byte) 1, (byte) 1, CLOUDHOPPER_NUMBER));
            submit.setDestAddress(new Address((byte) 1, (byte) 1, RECIPIENT_NUMBER));
            submit.setEsmClass(parts.length > 1 ? SmppConstants.ESM_CLASS_UDHI_MASK : 0);
            submit.setDataCoding(gsm ? SmppConstants.DATA_CODING_DEFAULT : SmppConstants.DATA_CODING_UCS2);
            submit.setRegisteredDelivery(SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_REQUESTED);
            submit.setShortMessage(part);
            SubmitSmResp resp = session.submit(submit, 10_000);
            assertThat(resp.getCommandStatus()).as("submit_sm_resp status").isZero();
            assertThat(id == null || id.equals(resp.getMessageId()))
                    .as("every part answered with one id")
                    .isTrue();
            id = resp.getMessageId();
        }
        return id;
    }

    private static byte[] encode(String text, boolean gsm) {
        return gsm ? CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM) : text.getBytes(StandardCharsets.UTF_16BE);
    }

    /** The texts from {@code sender}, each put together from its parts with Cloudhopper's own utilities, in order. */
    private static List<String> reassembled(List<PduRequest> received, String sender) {
        List<String> texts = new ArrayList<>();
        Map<Integer, Map<Integer, byte[]>> partsByReference = new TreeMap<>();
        for (PduRequest request : received) {
            if (!(request instanceof DeliverSm deliver)
                    || !deliver.getSourceAddress().getAddress().equals(sender)) {
                continue;
            }
            byte[] sm = deliver.getShortMessage();
            boolean gsm = deliver.getDataCoding() == SmppConstants.DATA_CODING_DEFAULT;
            if ((deliver.getEsmClass() & SmppConstants.ESM_CLASS_UDHI_MASK) == 0) {
                texts.add(decode(sm, gsm));
                continue;
            }
            byte[] udh = GsmUtil.getShortMessageUserDataHeader(sm);
            int reference = udh[3] & 0xFF;
            int total = udh[4] & 0xFF;
            Map<Integer, byte[]> parts = partsByReference.computeIfAbsent(reference, r -> new TreeMap<>());
            parts.put(udh[5] & 0xFF, GsmUtil.getShortMessageUserData(sm));
            if (parts.size() == total) {
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                parts.values().forEach(whole::writeBytes);
                texts.add(decode(whole.toByteArray(), gsm));
                partsByReference.remove(reference);
            }
        }
        return texts;
    }

    private static String decode(byte[] bytes, boolean gsm) {
        return CharsetUtil.decode(bytes, gsm ? CharsetUtil.CHARSET_GSM : CharsetUtil.CHARSET_UCS_2);
    }

    private static List<String> receipts(List<PduRequest> received) {
        List<String> ids = new ArrayList<>();
        for (PduRequest request : received) {
            if (request instanceof DeliverSm deliver && (deliver.getEsmClass() & 0x3C) == 0x04) {
                try {
                    ids.add(deliver.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID)
                            .getValueAsString());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        return ids;
    }

    /** {@code unit} repeated and cut to exactly {@code length} chars, never inside a surrogate pair. */
    private static String fit(String unit, int length) {
        String text = unit.repeat(length / unit.length() + 2);
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return (text.substring(0, end) + "x".repeat(length - end));
    }
}

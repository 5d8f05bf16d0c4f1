package io.gomsggw.server;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

/** A PBX stand-in: a jsmpp transceiver bound to the gateway that records every deliver_sm. */
final class JsmppPbx implements AutoCloseable {
    final List<DeliverSm> received = new CopyOnWriteArrayList<>();
    /** The deliver_sm answered ESME_RTHROTTLED because {@link #throttleNext} asked for it. */
    final List<DeliverSm> throttled = new CopyOnWriteArrayList<>();
    /** How many of the next deliver_sm to answer ESME_RTHROTTLED (a PBX that is busy for a moment). */
    final java.util.concurrent.atomic.AtomicInteger throttleNext = new java.util.concurrent.atomic.AtomicInteger();

    private final SMPPSession session = new SMPPSession();

    JsmppPbx(int port, String systemId, String password) throws IOException {
        this(port, systemId, password, BindType.BIND_TRX);
    }

    /** Bound as {@code bindType}: a transmitter ({@code BIND_TX}) is sent nothing, receipts included. */
    JsmppPbx(int port, String systemId, String password, BindType bindType) throws IOException {
        session.setTransactionTimer(10_000);
        session.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
                if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throttled.add(deliverSm);
                    throw new ProcessRequestException("busy", 0x58); // ESME_RTHROTTLED
                }
                received.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {}

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
                return null;
            }
        });
        session.connectAndBind(
                "127.0.0.1",
                port,
                new BindParameter(
                        bindType, systemId, password, "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
    }

    /** Submits GSM text (one septet per octet, as data_coding 0 is usually sent) and returns the message id. */
    String submit(String from, String to, String text, boolean receipt) throws Exception {
        return submit(from, to, new ESMClass(), text.getBytes(java.nio.charset.StandardCharsets.US_ASCII), receipt);
    }

    String submit(String from, String to, ESMClass esm, byte[] userData, boolean receipt) throws Exception {
        return submit(from, to, esm, userData, receipt, 0);
    }

    /** Submits raw user data with {@code dataCoding} (0 GSM 03.38, 8 UCS-2); returns the message id. */
    String submit(String from, String to, ESMClass esm, byte[] userData, boolean receipt, int dataCoding)
            throws Exception {
        return session.submitShortMessage(
                        "",
                        TypeOfNumber.INTERNATIONAL,
                        NumberingPlanIndicator.ISDN,
                        from,
                        TypeOfNumber.INTERNATIONAL,
                        NumberingPlanIndicator.ISDN,
                        to,
                        esm,
                        (byte) 0,
                        (byte) 1,
                        null,
                        null,
                        new RegisteredDelivery(
                                receipt ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT),
                        (byte) 0,
                        new GeneralDataCoding(dataCoding == 8 ? Alphabet.ALPHA_UCS2 : Alphabet.ALPHA_DEFAULT),
                        (byte) 0,
                        userData)
                .getMessageId();
    }

    List<DeliverSm> receipts() {
        return received.stream().filter(DeliverSm::isSmscDeliveryReceipt).toList();
    }

    List<DeliverSm> messages() {
        return received.stream().filter(d -> !d.isSmscDeliveryReceipt()).toList();
    }

    @Override
    public void close() {
        session.unbindAndClose();
    }
}

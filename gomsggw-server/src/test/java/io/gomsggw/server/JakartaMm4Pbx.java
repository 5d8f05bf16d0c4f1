package io.gomsggw.server;

import com.icegreen.greenmail.util.GreenMail;
import io.gomsggw.mm4.codec.DeliveryReport;
import io.gomsggw.mm4.codec.Mm4Parser;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Properties;

/** A PBX's side of MM4 in tests: Jakarta Mail sends its requests; GreenMail, started by the test, receives. */
final class JakartaMm4Pbx {
    private JakartaMm4Pbx() {}

    /**
     * Sends a text-only {@code MM4_forward.REQ} from {@code from} to {@code to} (E.164) with Jakarta Mail's
     * SMTP transport from 127.0.0.1, asking for a delivery report and no acknowledgement. Its message id is
     * {@code <messageId>}.
     */
    static void sendAskingForAReport(InetSocketAddress mm4, String from, String to, String messageId, String text)
            throws Exception {
        MimeMessage request = new MimeMessage(Session.getInstance(new Properties()));
        request.setHeader("X-Mms-3GPP-MMS-Version", "6.10.0");
        request.setHeader("X-Mms-Message-Type", "MM4_forward.REQ");
        request.setHeader("X-Mms-Transaction-ID", "TX-" + messageId);
        request.setHeader("X-Mms-Message-ID", "<" + messageId + ">");
        request.setHeader("X-Mms-Ack-Request", "No");
        request.setHeader("X-Mms-Delivery-Report", "Yes");
        request.setHeader("From", from + "/TYPE=PLMN@pbx.example.net");
        request.setHeader("To", to + "/TYPE=PLMN@gw.example.com");
        request.setText(text, "UTF-8");
        request.saveChanges();
        send(mm4, from, to, request);
    }

    /**
     * Sends {@code message} in one SMTP transaction with Jakarta Mail's transport from 127.0.0.1, the PBX's
     * address: {@code MAIL FROM} the PBX's number {@code from}, {@code RCPT TO} the number {@code to} (E.164).
     */
    static void send(InetSocketAddress mm4, String from, String to, MimeMessage message) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", Integer.toString(mm4.getPort()));
        props.setProperty("mail.smtp.localaddress", "127.0.0.1");
        props.setProperty("mail.smtp.from", from + "/TYPE=PLMN@pbx.example.net");
        props.setProperty("mail.smtp.timeout", "30000");
        InternetAddress recipient = new InternetAddress();
        recipient.setAddress(to + "/TYPE=PLMN@gw.example.com");
        try (Transport transport = Session.getInstance(props).getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new InternetAddress[] {recipient});
        }
    }

    /** The {@code index}-th message GreenMail received, as the delivery report it must be. */
    static DeliveryReport receivedReport(GreenMail smtp, int index) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        smtp.getReceivedMessages()[index].writeTo(raw);
        return (DeliveryReport) new Mm4Parser().parse(raw.toByteArray());
    }

    /** A loopback port nothing listens on (for now): the PBX's SMTP server while it is down. */
    static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}

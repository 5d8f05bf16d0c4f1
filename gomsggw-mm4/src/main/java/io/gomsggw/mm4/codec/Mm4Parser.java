package io.gomsggw.mm4.codec;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.SharedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads one MM4 message (the bytes an SMTP client sent after {@code DATA}, dot-unstuffed) into a
 * {@link Mm4Message}.
 *
 * <p>Given the message as an array ({@link #parse(byte[])}) the MIME tree is windows over that one array:
 * no part is copied before it is decoded, and each media part is decoded into an array of its own exact
 * length. Given a {@link SharedInputStream} ({@link jakarta.mail.util.SharedFileInputStream} for a body
 * spooled to disk) the MIME parts are read in place, each leaf's content read out once; any other stream is
 * first copied into memory, up to {@link Mm4Limits#maxMessageBytes()}.
 * Header names are matched in any case; values may be quoted. The body may be {@code multipart/related},
 * {@code multipart/mixed} or any other multipart, nested up to {@link Mm4Limits#maxDepth()}, or a single
 * part: {@code text/plain} parts become the text, one {@code application/smil} part is kept aside, every
 * other part is media.
 *
 * <p><b>Errors:</b> every defect is a {@link Mm4FormatException} whose status says how to answer:
 * {@link RequestStatus#ERROR_UNSUPPORTED_MESSAGE} when {@code X-Mms-Message-Type} is missing or not one of
 * the four MM4 messages handled, {@link RequestStatus#ERROR_SENDING_ADDRESS_UNRESOLVED} for an unreadable
 * {@code From} of a forward request, {@link RequestStatus#ERROR_CONTENT_NOT_ACCEPTED} when the parts decode
 * to more than {@link Mm4Limits#maxDecodedBytes()}, and {@link RequestStatus#ERROR_MESSAGE_FORMAT_CORRUPT}
 * for everything else (broken MIME or transfer encoding, a missing required header, too many parts, too
 * deep, too large a header block). No other exception escapes.
 *
 * <p><b>Threading:</b> immutable and thread-safe. Parsing is CPU work plus reading the stream: run it on a
 * worker thread, not an event loop, when the stream reads a file.
 */
public final class Mm4Parser {
    private final Mm4Limits limits;
    private final Session session;

    /** A parser with {@link Mm4Limits#DEFAULTS}. */
    public Mm4Parser() {
        this(Mm4Limits.DEFAULTS);
    }

    /** A parser enforcing {@code limits}. */
    public Mm4Parser(Mm4Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        Properties props = new Properties();
        // Raw UTF-8 in header values (SMTPUTF8 peers) is read as UTF-8 rather than Latin-1.
        props.setProperty("mail.mime.allowutf8", "true");
        this.session = Session.getInstance(props);
    }

    /** The limits this parser enforces. */
    public Mm4Limits limits() {
        return limits;
    }

    /**
     * Parses {@code message}, the whole RFC 5322 message. The array is only read, and the returned message
     * holds no reference to it.
     */
    public Mm4Message parse(byte[] message) throws Mm4FormatException {
        return parse(new ByteWindow(message));
    }

    /**
     * Parses the message read from {@code in}, which is left open (with a {@link SharedInputStream} the
     * returned message holds no reference to it: all parts are decoded before this returns).
     */
    public Mm4Message parse(InputStream in) throws Mm4FormatException {
        Objects.requireNonNull(in, "in");
        try {
            SharedInputStream shared = in instanceof SharedInputStream s ? s : copyToMemory(in);
            try (InputStream probe = shared.newStream(shared.getPosition(), -1)) {
                if (!BoundaryScan.headerBlockFits(probe, limits.maxHeaderBytes())) {
                    throw corrupt("header block larger than " + limits.maxHeaderBytes() + " bytes");
                }
            }
            MimeMessage mime = new MimeMessage(session, (InputStream) shared);
            return read(mime);
        } catch (Mm4FormatException e) {
            throw e;
        } catch (MessagingException | IOException | RuntimeException e) {
            // Jakarta Mail's messages may quote content; name only the kind of failure.
            throw corrupt("unreadable MIME (" + e.getClass().getSimpleName() + ")");
        }
    }

    private SharedInputStream copyToMemory(InputStream in) throws IOException, Mm4FormatException {
        long max = Math.min(limits.maxMessageBytes(), Integer.MAX_VALUE - 16);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            if (out.size() + (long) n > max) {
                throw new Mm4FormatException(
                        RequestStatus.ERROR_CONTENT_NOT_ACCEPTED, "message larger than " + max + " bytes");
            }
            out.write(buf, 0, n);
        }
        return new ByteWindow(out.toByteArray());
    }

    private Mm4Message read(MimeMessage mime) throws MessagingException, IOException, Mm4FormatException {
        Optional<String> typeText = header(mime, "X-Mms-Message-Type");
        if (typeText.isEmpty()) {
            throw new Mm4FormatException(
                    RequestStatus.ERROR_UNSUPPORTED_MESSAGE, "no X-Mms-Message-Type: not an MM4 message");
        }
        Mm4MessageType type = Mm4MessageType.fromWire(typeText.get())
                .orElseThrow(() -> new Mm4FormatException(
                        RequestStatus.ERROR_UNSUPPORTED_MESSAGE, "unsupported X-Mms-Message-Type"));
        String version = required(mime, "X-Mms-3GPP-MMS-Version");
        String transactionId = required(mime, "X-Mms-Transaction-ID");
        String messageId = required(mime, "X-Mms-Message-ID");
        return switch (type) {
            case FORWARD_REQ -> forwardRequest(mime, version, transactionId, messageId);
            case FORWARD_RES ->
                new ForwardResponse(
                        version,
                        transactionId,
                        messageId,
                        requestStatus(mime),
                        header(mime, "X-Mms-Status-Text").map(Mm4Parser::decodeText),
                        systemAddress(mime, "From"),
                        systemAddress(mime, "To"));
            case DELIVERY_REPORT_REQ -> deliveryReport(mime, version, transactionId, messageId);
            case DELIVERY_REPORT_RES ->
                new DeliveryReportResponse(
                        version,
                        transactionId,
                        messageId,
                        requestStatus(mime),
                        header(mime, "X-Mms-Status-Text").map(Mm4Parser::decodeText),
                        systemAddress(mime, "From"),
                        systemAddress(mime, "To"));
        };
    }

    private ForwardRequest forwardRequest(MimeMessage mime, String version, String transactionId, String messageId)
            throws MessagingException, IOException, Mm4FormatException {
        Mm4Address from;
        try {
            from = firstAddress(mime, "From");
        } catch (Mm4FormatException e) {
            throw new Mm4FormatException(RequestStatus.ERROR_SENDING_ADDRESS_UNRESOLVED, "From: " + e.getMessage());
        }
        List<Mm4Address> recipients = new ArrayList<>();
        addresses(mime, "To", recipients);
        addresses(mime, "Cc", recipients);
        if (recipients.isEmpty()) {
            throw corrupt("no recipient in To or Cc");
        }
        BodyReader body = new BodyReader(limits);
        body.read(mime);
        return new ForwardRequest(
                version,
                transactionId,
                messageId,
                from,
                recipients,
                subject(mime),
                date(mime),
                yes(mime, "X-Mms-Ack-Request"),
                yes(mime, "X-Mms-Delivery-Report"),
                header(mime, "X-Mms-Originator-System").map(HeaderValues::bareId),
                body.text(),
                body.media(),
                body.smil());
    }

    private DeliveryReport deliveryReport(MimeMessage mime, String version, String transactionId, String messageId)
            throws MessagingException, Mm4FormatException {
        String statusText = required(mime, "X-Mms-MM-Status-Code");
        // A status this codec does not know is still a report; it reads as Indeterminate.
        MmStatus mmStatus = MmStatus.fromWire(statusText).orElse(MmStatus.INDETERMINATE);
        return new DeliveryReport(
                version,
                transactionId,
                messageId,
                firstAddress(mime, "From"),
                firstAddress(mime, "To"),
                date(mime),
                mmStatus,
                header(mime, "X-Mms-Status-Text").map(Mm4Parser::decodeText),
                yes(mime, "X-Mms-Ack-Request"),
                header(mime, "X-Mms-Originator-System").map(HeaderValues::bareId));
    }

    private static RequestStatus requestStatus(MimeMessage mime) throws MessagingException, Mm4FormatException {
        // A status this codec does not know is still an error of the peer's; it reads as Error-unspecified.
        return RequestStatus.fromWire(required(mime, "X-Mms-Request-Status-Code"))
                .orElse(RequestStatus.ERROR_UNSPECIFIED);
    }

    private static Mm4Address firstAddress(MimeMessage mime, String name)
            throws MessagingException, Mm4FormatException {
        List<Mm4Address> list = new ArrayList<>(1);
        addresses(mime, name, list);
        if (list.isEmpty()) {
            throw corrupt("missing " + name);
        }
        return list.get(0);
    }

    private static void addresses(MimeMessage mime, String name, List<Mm4Address> into)
            throws MessagingException, Mm4FormatException {
        String[] values = mime.getHeader(name);
        if (values == null) {
            return;
        }
        for (String value : values) {
            for (String one : AddressList.split(MimeUtility.unfold(value))) {
                try {
                    into.add(Mm4Address.parse(one));
                } catch (Mm4FormatException e) {
                    throw corrupt(name + ": " + e.getMessage());
                }
            }
        }
    }

    private static Optional<String> systemAddress(MimeMessage mime, String name) throws MessagingException {
        Optional<String> value = header(mime, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        List<String> all = AddressList.split(value.get());
        return all.isEmpty()
                ? Optional.empty()
                : Optional.of(AddressList.addrSpec(all.get(0))).filter(s -> !s.isEmpty());
    }

    private static Optional<String> subject(MimeMessage mime) throws MessagingException {
        return Optional.ofNullable(mime.getSubject()).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Optional<Instant> date(MimeMessage mime) {
        try {
            return Optional.ofNullable(mime.getSentDate()).map(java.util.Date::toInstant);
        } catch (MessagingException | RuntimeException e) {
            return Optional.empty(); // an unreadable Date is no reason to refuse the message
        }
    }

    private static boolean yes(MimeMessage mime, String name) throws MessagingException {
        return header(mime, name)
                .map(HeaderValues::unquote)
                .map(Mm4Headers.YES::equalsIgnoreCase)
                .orElse(false);
    }

    private static String required(MimeMessage mime, String name) throws MessagingException, Mm4FormatException {
        // A value of only blanks and control characters is missing: written back on one line it would be blank.
        return header(mime, name)
                .map(HeaderValues::unquote)
                .filter(s -> s.chars().anyMatch(c -> c > ' ' && !Character.isISOControl(c)))
                .orElseThrow(() -> corrupt("missing " + name));
    }

    /** The first value of header {@code name} (any case), unfolded and stripped; empty when absent or blank. */
    private static Optional<String> header(MimeMessage mime, String name) throws MessagingException {
        String value = mime.getHeader(name, null);
        if (value == null) {
            return Optional.empty();
        }
        String v = MimeUtility.unfold(value).strip();
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private static String decodeText(String value) {
        try {
            return MimeUtility.decodeText(HeaderValues.unquote(value));
        } catch (java.io.UnsupportedEncodingException e) {
            return HeaderValues.unquote(value);
        }
    }

    static Mm4FormatException corrupt(String why) {
        return new Mm4FormatException(RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT, why);
    }
}

package io.gomsggw.mm4.codec;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes {@link Mm4Message}s as MIME messages ready for SMTP {@code DATA}.
 *
 * <p>An {@code MM4_forward.REQ} becomes a {@code multipart/related; type="application/smil"; start="<0.smil>"}
 * message whose first part is the SMIL presentation (the request's own SMIL when it has one, else one
 * built by {@link Smil}), then the text as {@code text/plain; charset=utf-8}, then each media part in
 * base64 with {@code Content-ID}, {@code Content-Location} and its name. From and To are written as
 * {@link Mm4Address#toHeaderValue()}; the {@code X-Mms-*} headers as in {@link Mm4Headers}. Responses and
 * delivery reports are header-only messages with an empty text body.
 *
 * <p>Header values are written on one line: line breaks and other control characters in subjects,
 * status texts or ids are replaced by spaces, and non-ASCII text is RFC 2047 encoded (UTF-8).
 * A missing {@code Date} is taken from the clock.
 *
 * <p><b>Threading:</b> immutable and thread-safe; each call returns a new message.
 */
public final class Mm4Writer {
    private static final String SMIL_ID = "0.smil";
    private static final String TEXT_ID = "text_0.txt";

    private final Clock clock;
    private final Session session;

    /** A writer that dates messages without a date with {@code clock}. */
    public Mm4Writer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.session = Session.getInstance(new Properties());
    }

    /**
     * {@code message} as a MIME message, headers complete ({@link MimeMessage#saveChanges()} done; calling it
     * again keeps the Message-ID written here).
     */
    public MimeMessage toMimeMessage(Mm4Message message) {
        Objects.requireNonNull(message, "message");
        try {
            Mm4MimeMessage mime = new Mm4MimeMessage(session);
            if (message instanceof ForwardRequest r) {
                forwardRequest(mime, r);
            } else if (message instanceof ForwardResponse r) {
                response(mime, r, r.from(), r.to(), r.status(), r.statusText());
            } else if (message instanceof DeliveryReport r) {
                deliveryReport(mime, r);
            } else if (message instanceof DeliveryReportResponse r) {
                response(mime, r, r.from(), r.to(), r.status(), r.statusText());
            }
            mime.saveChanges();
            return mime;
        } catch (MessagingException e) {
            // Only reachable through a bug: every value written was checked by the records.
            throw new IllegalStateException("cannot build the MIME message", e);
        }
    }

    /** Writes {@code message} to {@code out} (CRLF line ends, not dot-stuffed). */
    public void writeTo(Mm4Message message, OutputStream out) throws IOException {
        try {
            toMimeMessage(message).writeTo(out);
        } catch (MessagingException e) {
            throw new IOException("cannot write the MIME message", e);
        }
    }

    /** {@code message} as bytes (CRLF line ends, not dot-stuffed). */
    public byte[] toBytes(Mm4Message message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(message, out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the MIME message", e);
        }
        return out.toByteArray();
    }

    private void forwardRequest(MimeMessage mime, ForwardRequest r) throws MessagingException {
        mime.setHeader("From", r.from().toHeaderValue());
        mime.setHeader(
                "To", r.recipients().stream().map(Mm4Address::toHeaderValue).collect(Collectors.joining(", ")));
        if (r.subject().isPresent()) {
            mime.setSubject(oneLine(r.subject().get()), "utf-8");
        }
        common(mime, r, r.date());
        mime.setHeader("Message-ID", "<" + oneLine(r.bareMessageId()) + ">");
        mime.setHeader(Mm4Headers.ACK_REQUEST, r.ackRequested() ? Mm4Headers.YES : Mm4Headers.NO);
        mime.setHeader(Mm4Headers.DELIVERY_REPORT, r.deliveryReportRequested() ? Mm4Headers.YES : Mm4Headers.NO);
        if (r.originatorSystem().isPresent()) {
            mime.setHeader(
                    Mm4Headers.ORIGINATOR_SYSTEM, oneLine(r.originatorSystem().get()));
        }
        mime.setContent(body(r));
    }

    private MimeMultipart body(ForwardRequest r) throws MessagingException {
        Set<String> taken = new HashSet<>(List.of(SMIL_ID, TEXT_ID));
        List<MimeBodyPart> mediaParts = new ArrayList<>();
        List<Smil.MediaRef> refs = new ArrayList<>();
        for (Mm4Part part : r.media()) {
            String location = unique(token(part.filename()), taken);
            String contentId = part.contentId()
                    .map(Mm4Writer::oneLine)
                    .filter(id -> !id.isBlank() && taken.add(id))
                    .orElse(location);
            mediaParts.add(mediaPart(part, location, contentId));
            refs.add(new Smil.MediaRef(part.contentType(), location));
        }
        Optional<String> textRef = r.text().isEmpty() ? Optional.empty() : Optional.of(TEXT_ID);

        RelatedMultipart related = new RelatedMultipart("<" + SMIL_ID + ">");
        related.addBodyPart(smilPart(r.smil(), crlf(Smil.document(textRef, refs))));
        if (textRef.isPresent()) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(crlf(r.text()), "utf-8");
            text.setHeader("Content-ID", "<" + TEXT_ID + ">");
            text.setHeader("Content-Location", TEXT_ID);
            related.addBodyPart(text);
        }
        for (MimeBodyPart p : mediaParts) {
            related.addBodyPart(p);
        }
        return related;
    }

    private static MimeBodyPart smilPart(Optional<Mm4Part> given, String generated) throws MessagingException {
        MimeBodyPart smil = new MimeBodyPart();
        byte[] content = given.map(Mm4Part::content).orElse(generated.getBytes(StandardCharsets.UTF_8));
        smil.setDataHandler(new DataHandler(new ByteArrayDataSource(content, "application/smil")));
        smil.setHeader("Content-Type", withName("application/smil", SMIL_ID));
        smil.setHeader("Content-ID", "<" + SMIL_ID + ">");
        smil.setHeader("Content-Location", SMIL_ID);
        smil.setHeader("Content-Transfer-Encoding", given.isPresent() ? "base64" : "7bit");
        return smil;
    }

    private static MimeBodyPart mediaPart(Mm4Part part, String location, String contentId) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(part.content(), part.contentType())));
        String name = oneLine(part.filename());
        p.setFileName(name);
        p.setHeader("Content-Type", withName(part.contentType(), name));
        p.setHeader("Content-ID", "<" + contentId + ">");
        p.setHeader("Content-Location", location);
        p.setHeader("Content-Transfer-Encoding", "base64");
        return p;
    }

    private static String withName(String contentType, String name) throws MessagingException {
        ContentType type = new ContentType(contentType);
        type.setParameter("name", name);
        return type.toString();
    }

    private void deliveryReport(MimeMessage mime, DeliveryReport r) throws MessagingException {
        mime.setHeader("From", r.from().toHeaderValue());
        mime.setHeader("To", r.to().toHeaderValue());
        common(mime, r, r.date());
        mime.setHeader(Mm4Headers.ACK_REQUEST, r.ackRequested() ? Mm4Headers.YES : Mm4Headers.NO);
        mime.setHeader(Mm4Headers.MM_STATUS, r.mmStatus().wireText());
        if (r.statusText().isPresent()) {
            mime.setHeader(Mm4Headers.STATUS_TEXT, encoded(r.statusText().get()));
        }
        if (r.originatorSystem().isPresent()) {
            mime.setHeader(
                    Mm4Headers.ORIGINATOR_SYSTEM, oneLine(r.originatorSystem().get()));
        }
        mime.setText("", "us-ascii");
    }

    private void response(
            MimeMessage mime,
            Mm4Message r,
            Optional<String> from,
            Optional<String> to,
            RequestStatus status,
            Optional<String> statusText)
            throws MessagingException {
        if (from.isPresent()) {
            mime.setHeader("From", oneLine(from.get()));
        }
        if (to.isPresent()) {
            mime.setHeader("To", oneLine(to.get()));
        }
        common(mime, r, Optional.empty());
        mime.setHeader(Mm4Headers.REQUEST_STATUS, status.wireText());
        if (statusText.isPresent()) {
            mime.setHeader(Mm4Headers.STATUS_TEXT, encoded(statusText.get()));
        }
        mime.setText("", "us-ascii");
    }

    private void common(MimeMessage mime, Mm4Message m, Optional<Instant> date) throws MessagingException {
        mime.setHeader("Date", new MailDateFormat().format(Date.from(date.orElseGet(clock::instant))));
        mime.setHeader(Mm4Headers.VERSION, oneLine(m.version()));
        mime.setHeader(Mm4Headers.MESSAGE_TYPE, m.type().wireText());
        mime.setHeader(Mm4Headers.MESSAGE_ID, oneLine(m.messageId()));
        mime.setHeader(Mm4Headers.TRANSACTION_ID, oneLine(m.transactionId()));
    }

    private static String encoded(String text) {
        try {
            return MimeUtility.fold(
                    Mm4Headers.STATUS_TEXT.length() + 2, MimeUtility.encodeText(oneLine(text), "utf-8", null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** {@code text} with CRLF line ends, as SMTP wants them in parts written as they are (7bit). */
    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    /** {@code s} with every control character (line breaks included) replaced by a space, stripped. */
    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString().strip();
    }

    /** {@code name} reduced to characters safe in a Content-Location and a SMIL reference. */
    private static String token(String name) {
        StringBuilder b = new StringBuilder(Math.min(name.length(), 64));
        for (int i = 0; i < name.length() && b.length() < 64; i++) {
            char c = name.charAt(i);
            boolean safe = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            b.append(safe ? c : '_');
        }
        return b.length() == 0 ? "part" : b.toString();
    }

    private static String unique(String token, Set<String> taken) {
        String candidate = token;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = n + "_" + token;
        }
        return candidate;
    }

    /** {@code multipart/related} with the {@code type} and {@code start} parameters MMS clients look for. */
    private static final class RelatedMultipart extends MimeMultipart {
        RelatedMultipart(String start) throws MessagingException {
            super("related");
            ContentType type = new ContentType(contentType);
            type.setParameter("type", "application/smil");
            type.setParameter("start", start);
            contentType = type.toString();
        }
    }

    /** Keeps the Message-ID the writer set (or none) when Jakarta Mail saves changes. */
    private static final class Mm4MimeMessage extends MimeMessage {
        Mm4MimeMessage(Session session) {
            super(session);
        }

        @Override
        protected void updateMessageID() {
            // The writer sets Message-ID itself, from the MM4 message id.
        }
    }
}

package io.gomsggw.mm4.codec;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Messages composed by Jakarta Mail itself (an implementation nobody here wrote), then parsed. */
class JakartaBuiltMessagesTest {
    private final Session session = Session.getInstance(new Properties());
    private final Mm4Parser parser = new Mm4Parser();

    @Test
    void relatedMessageWithUtf8SubjectTextAndAttachments() throws Exception {
        MimeMessage m = mm4Headers(new MimeMessage(session));
        m.setSubject("Grüße 🎉", "UTF-8");
        m.setSentDate(new Date(1_764_000_000_000L));
        m.setRecipients(
                Message.RecipientType.TO,
                new InternetAddress[] {new InternetAddress("+12505550001/TYPE=PLMN@gw.example.com")});
        m.setRecipients(Message.RecipientType.CC, new InternetAddress[] {
            new InternetAddress("+12505550002/TYPE=PLMN@gw.example.com", "Carol Ü", "UTF-8"),
            new InternetAddress("+12505550003/TYPE=PLMN@gw.example.com")
        });

        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Été à Montréal — ✓", "UTF-8");
        related.addBodyPart(text);
        MimeBodyPart jpeg = new MimeBodyPart();
        jpeg.setDataHandler(new DataHandler(new ByteArrayDataSource(Resources.bytes("tiny.jpg"), "image/jpeg")));
        jpeg.setFileName("vacation photo.jpg");
        jpeg.setContentID("<pic@local>");
        related.addBodyPart(jpeg);
        MimeBodyPart vcard = new MimeBodyPart();
        vcard.setDataHandler(new DataHandler(new ByteArrayDataSource("BEGIN:VCARD\r\nEND:VCARD\r\n", "text/x-vcard")));
        vcard.setFileName("contact.vcf");
        related.addBodyPart(vcard);
        m.setContent(related);
        m.saveChanges();

        ForwardRequest r = (ForwardRequest) parser.parse(bytes(m));

        assertThat(r.subject()).contains("Grüße 🎉");
        assertThat(r.date()).contains(java.time.Instant.ofEpochMilli(1_764_000_000_000L));
        assertThat(r.from()).isEqualTo(Mm4Address.plmn("+12505551234", "mms.example.com"));
        assertThat(r.recipients())
                .extracting(Mm4Address::number)
                .containsExactly("+12505550001", "+12505550002", "+12505550003");
        assertThat(r.text()).isEqualTo("Été à Montréal — ✓");
        assertThat(r.media())
                .containsExactly(
                        new Mm4Part(
                                "image/jpeg",
                                "vacation photo.jpg",
                                Optional.of("pic@local"),
                                Resources.bytes("tiny.jpg")),
                        new Mm4Part(
                                "text/x-vcard",
                                "contact.vcf",
                                Optional.empty(),
                                "BEGIN:VCARD\r\nEND:VCARD\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void latin1TextChosenByJakartaMailAsQuotedPrintable() throws Exception {
        MimeMessage m = mm4Headers(new MimeMessage(session));
        m.setRecipients(Message.RecipientType.TO, "+12505550001/TYPE=PLMN@gw.example.com");
        m.setText("Ça coûte 5 €, à l'œil près", "ISO-8859-15");
        m.saveChanges();
        assertThat(m.getEncoding()).isEqualTo("quoted-printable");

        ForwardRequest r = (ForwardRequest) parser.parse(bytes(m));

        assertThat(r.text()).isEqualTo("Ça coûte 5 €, à l'œil près");
        assertThat(r.media()).isEmpty();
    }

    @Test
    void nestedAlternativeInsideMixed() throws Exception {
        MimeMessage m = mm4Headers(new MimeMessage(session));
        m.setRecipients(Message.RecipientType.TO, "+12505550001/TYPE=PLMN@gw.example.com");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText("plain version", "UTF-8");
        alternative.addBodyPart(plain);
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(alternative);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(wrapper);
        MimeBodyPart png = new MimeBodyPart();
        png.setDataHandler(new DataHandler(new ByteArrayDataSource(Resources.bytes("tiny.png"), "image/png")));
        png.setFileName("dir/../tiny.png");
        mixed.addBodyPart(png);
        m.setContent(mixed);
        m.saveChanges();

        ForwardRequest r = (ForwardRequest) parser.parse(bytes(m));

        assertThat(r.text()).isEqualTo("plain version");
        assertThat(r.media()).singleElement().satisfies(p -> {
            assertThat(p.filename()).isEqualTo("tiny.png");
            assertThat(p.content()).isEqualTo(Resources.bytes("tiny.png"));
        });
    }

    private static MimeMessage mm4Headers(MimeMessage m) throws Exception {
        m.setFrom(new InternetAddress("+12505551234/TYPE=PLMN@mms.example.com"));
        m.setHeader("X-Mms-3GPP-MMS-Version", "6.10.0");
        m.setHeader("X-Mms-Message-Type", "MM4_forward.REQ");
        m.setHeader("X-Mms-Transaction-ID", "JT-1");
        m.setHeader("X-Mms-Message-ID", "<JM-1@mms.example.com>");
        return m;
    }

    private static byte[] bytes(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}

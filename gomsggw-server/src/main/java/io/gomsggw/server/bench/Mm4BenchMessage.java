package io.gomsggw.server.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The MM4_forward.REQ {@code bench mm4} sends, shaped as a PBX writes one: {@code multipart/related} with a
 * SMIL part, a UTF-8 text and a real JPEG of about the size asked for (noise compresses badly, so the
 * file is as large as its pixels say), base64 in lines of 76. The body is built once; each message only
 * gets its own transaction id, message id and date. No acknowledgement is asked for (the bench runs no
 * SMTP server to receive one). Immutable.
 */
final class Mm4BenchMessage {
    private final byte[] head;
    private final byte[] body;
    private final int jpegBytes;

    Mm4BenchMessage(String from, String to, int imageBytes) {
        byte[] jpeg = jpeg(imageBytes);
        this.jpegBytes = jpeg.length;
        String base64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(jpeg);
        this.head = ("From: " + from + "/TYPE=PLMN@bench.example.net\r\n"
                        + "To: " + to + "/TYPE=PLMN@gw.example.com\r\n"
                        + "Subject: bench\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/related; boundary=\"bench-b\"; type=\"application/smil\"; start=\"<0.smil>\"\r\n"
                        + "X-Mms-3GPP-MMS-Version: 6.10.0\r\n"
                        + "X-Mms-Message-Type: MM4_forward.REQ\r\n"
                        + "X-Mms-Ack-Request: No\r\n"
                        + "X-Mms-Originator-System: mmsc@bench.example.net\r\n")
                .getBytes(StandardCharsets.UTF_8);
        this.body = ("\r\n--bench-b\r\n"
                        + "Content-Type: application/smil; name=0.smil\r\nContent-ID: <0.smil>\r\n\r\n"
                        + "<smil><head><layout><region id=\"Image\" top=\"0\" left=\"0\" height=\"80%\" width=\"100%\"/>"
                        + "<region id=\"Text\" top=\"80%\" left=\"0\" height=\"20%\" width=\"100%\"/></layout></head>"
                        + "<body><par dur=\"5000ms\"><img src=\"photo.jpg\" region=\"Image\"/>"
                        + "<text src=\"text.txt\" region=\"Text\"/></par></body></smil>\r\n"
                        + "--bench-b\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n"
                        + "Content-ID: <text.txt>\r\n\r\n"
                        + "Grüße aus dem Lasttest — a photo from the bench \u2615\r\n"
                        + "--bench-b\r\n"
                        + "Content-Type: image/jpeg; name=photo.jpg\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-ID: <photo.jpg>\r\nContent-Location: photo.jpg\r\n\r\n"
                        + base64 + "\r\n"
                        + "--bench-b--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The size of the JPEG in each message. */
    int jpegBytes() {
        return jpegBytes;
    }

    /** The whole message {@code transactionId}, with the final {@code CRLF.CRLF} (no line starts with a dot). */
    byte[] bytes(String transactionId) {
        byte[] ids = ("X-Mms-Transaction-ID: " + transactionId + "\r\n"
                        + "X-Mms-Message-ID: <" + transactionId + "@bench.example.net>\r\n"
                        + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] end = ".\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + ids.length + body.length + end.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(ids, 0, all, head.length, ids.length);
        System.arraycopy(body, 0, all, head.length + ids.length, body.length);
        System.arraycopy(end, 0, all, all.length - end.length, end.length);
        return all;
    }

    /** A JPEG of random pixels whose file is about {@code bytes} long. */
    static byte[] jpeg(int bytes) {
        SplittableRandom random = new SplittableRandom(42);
        int side = 64;
        byte[] best = encode(side, random);
        while (best.length < bytes && side < 4096) {
            side = (int) Math.ceil(side * Math.sqrt((double) bytes / best.length));
            best = encode(side, new SplittableRandom(42));
        }
        return best;
    }

    private static byte[] encode(int side, SplittableRandom random) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

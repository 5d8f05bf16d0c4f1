package io.gomsggw.mm4.codec;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Walks the MIME tree of one message, collecting its text, media and SMIL within {@link Mm4Limits}.
 * One instance reads one message; not thread-safe.
 */
final class BodyReader {
    private static final int MAX_FILENAME = 255;

    private final Mm4Limits limits;
    private final List<String> texts = new ArrayList<>();
    private final List<Mm4Part> media = new ArrayList<>();
    private Mm4Part smil;
    private int parts;
    private long decoded;

    BodyReader(Mm4Limits limits) {
        this.limits = limits;
    }

    void read(MimePart message) throws MessagingException, IOException, Mm4FormatException {
        walk(message, 0);
    }

    String text() {
        return String.join("\n", texts);
    }

    List<Mm4Part> media() {
        return media;
    }

    Optional<Mm4Part> smil() {
        return Optional.ofNullable(smil);
    }

    private void walk(MimePart part, int depth) throws MessagingException, IOException, Mm4FormatException {
        ContentType type =
                new ContentType(Optional.ofNullable(part.getContentType()).orElse("text/plain"));
        String baseType = type.getBaseType().toLowerCase(Locale.ROOT);
        if (type.getPrimaryType().equalsIgnoreCase("multipart")) {
            if (depth + 1 > limits.maxDepth()) {
                throw Mm4Parser.corrupt("multiparts nested deeper than " + limits.maxDepth());
            }
            int allowed = limits.maxParts() - parts;
            if (walkInMemory(part, type.getParameter("boundary"), allowed, depth)) {
                return;
            }
            try (InputStream raw = new MimePartDataSource(part).getInputStream()) {
                // Counted on the raw bytes before Jakarta Mail builds one object per part.
                if (BoundaryScan.delimiterLines(raw, type.getParameter("boundary"), allowed + 1) > allowed + 1) {
                    throw tooManyParts();
                }
            }
            MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(part));
            int count = multipart.getCount();
            parts += count;
            if (parts > limits.maxParts()) {
                throw tooManyParts();
            }
            for (int i = 0; i < count; i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (!(child instanceof MimePart mimeChild)) {
                    throw Mm4Parser.corrupt("body part is not a MIME part");
                }
                walk(mimeChild, depth + 1);
            }
            return;
        }
        byte[] content = decodedContent(part);
        if (baseType.equals("text/plain")) {
            if (content.length > 0) {
                // MIME text uses CRLF line ends; a message's text uses "\n".
                texts.add(new String(content, charset(type)).replace("\r\n", "\n"));
            }
            return;
        }
        Mm4Part leaf = new Mm4Part(baseType, filename(part, baseType), contentId(part), content);
        if (smil == null && baseType.equals("application/smil")) {
            smil = leaf;
        } else {
            media.add(leaf);
        }
    }

    /**
     * Reads a multipart with {@link MultipartSplit} when it can; false when Jakarta Mail must read it (an
     * encoded multipart, a body the splitter does not take).
     */
    private boolean walkInMemory(MimePart part, String boundary, int allowed, int depth)
            throws MessagingException, IOException, Mm4FormatException {
        if (!isIdentity(part.getEncoding())) {
            return false;
        }
        ByteWindow body = raw(part);
        if (body == null) {
            return false;
        }
        List<MultipartSplit.Part> split;
        try {
            split = MultipartSplit.split(body.array(), body.from(), body.to(), boundary, allowed + 1);
        } catch (MultipartSplit.TooManyParts e) {
            throw tooManyParts();
        }
        if (split == null) {
            return false;
        }
        parts += split.size();
        if (parts > limits.maxParts()) {
            throw tooManyParts();
        }
        for (MultipartSplit.Part p : split) {
            // Jakarta Mail reads the header block and keeps a window over the content, not a copy.
            walk(new MimeBodyPart(body.window(p.headerStart(), p.contentEnd())), depth + 1);
        }
        return true;
    }

    /**
     * The part's content as sent (before transfer decoding): a window over the message's array, not a
     * copy, for a message parsed from one; null for a part of another kind.
     */
    private static ByteWindow raw(MimePart part) throws MessagingException, IOException {
        InputStream raw;
        if (part instanceof MimeBodyPart body) {
            raw = body.getRawInputStream();
        } else if (part instanceof MimeMessage message) {
            raw = message.getRawInputStream();
        } else {
            return null;
        }
        try (InputStream in = raw) {
            return ByteWindow.of(in);
        }
    }

    /** Whether the transfer encoding leaves the bytes as they are (none, 7bit, 8bit, binary). */
    private static boolean isIdentity(String encoding) {
        if (encoding == null) {
            return true;
        }
        String e = encoding.strip().toLowerCase(Locale.ROOT);
        return e.equals("7bit") || e.equals("8bit") || e.equals("binary");
    }

    private Mm4FormatException tooManyParts() {
        return Mm4Parser.corrupt("more than " + limits.maxParts() + " body parts");
    }

    private byte[] decodedContent(MimePart part) throws MessagingException, IOException, Mm4FormatException {
        long remaining = limits.maxDecodedBytes() - decoded;
        byte[] fast = decodedInMemory(part);
        if (fast != null) {
            if (fast.length > remaining) {
                throw tooLarge();
            }
            decoded += fast.length;
            return fast;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (InputStream in = new MimePartDataSource(part).getInputStream()) {
            int n;
            while ((n = in.read(buf)) != -1) {
                if (out.size() + (long) n > remaining) {
                    throw tooLarge();
                }
                out.write(buf, 0, n);
            }
        }
        decoded += out.size();
        return out.toByteArray();
    }

    private Mm4FormatException tooLarge() {
        return new Mm4FormatException(
                RequestStatus.ERROR_CONTENT_NOT_ACCEPTED,
                "content decodes to more than " + limits.maxDecodedBytes() + " bytes");
    }

    /**
     * The decoded content of a part in none, 7bit, 8bit, binary or base64 transfer encoding ({@link
     * Base64Lines}); null for other encodings and for base64 that is more than plain lines, which Jakarta
     * Mail then decodes (or refuses) as before.
     */
    private static byte[] decodedInMemory(MimePart part) throws MessagingException, IOException {
        String encoding = part.getEncoding();
        boolean base64 = encoding != null && encoding.strip().equalsIgnoreCase("base64");
        if (!base64 && !isIdentity(encoding)) {
            return null;
        }
        ByteWindow raw = raw(part);
        if (raw == null) {
            return null;
        }
        return base64 ? Base64Lines.decode(raw.array(), raw.from(), raw.to()) : raw.copy();
    }

    /** The declared charset, UTF-8 when none is declared or Java does not know it. */
    private static Charset charset(ContentType type) {
        String declared = type.getParameter("charset");
        if (declared == null || declared.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(declared.strip()));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private String filename(MimePart part, String baseType) {
        String name = null;
        try {
            name = part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            // An unreadable Content-Disposition only costs the name.
        }
        if (name == null || name.isBlank()) {
            try {
                name = part.getHeader("Content-Location", null);
            } catch (MessagingException e) {
                name = null;
            }
        }
        String clean = name == null ? "" : sanitize(decode(MimeUtility.unfold(name)));
        return clean.isEmpty() ? "part" + (media.size() + 1) + "." + Extensions.of(baseType) : clean;
    }

    private static String decode(String name) {
        try {
            return name.contains("=?") ? MimeUtility.decodeText(name) : name;
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return name;
        }
    }

    /** The last path segment, without quotes and control characters, at most 255 characters. */
    static String sanitize(String name) {
        String s = HeaderValues.unquote(name);
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(slash + 1);
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_FILENAME));
        for (int i = 0; i < s.length() && b.length() < MAX_FILENAME; i++) {
            char c = s.charAt(i);
            if (!Character.isISOControl(c)) {
                b.append(c);
            }
        }
        String out = b.toString().strip();
        return out.equals(".") || out.equals("..") ? "" : out;
    }

    private static Optional<String> contentId(MimePart part) {
        try {
            String id = part.getHeader("Content-ID", null);
            return Optional.ofNullable(id)
                    .map(MimeUtility::unfold)
                    .map(HeaderValues::bareId)
                    .filter(s -> !s.isEmpty());
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }
}

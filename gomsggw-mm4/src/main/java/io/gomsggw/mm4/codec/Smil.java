package io.gomsggw.mm4.codec;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the SMIL presentation MMS clients expect as the first part of an {@code MM4_forward.REQ}: a
 * 320x480 layout with an image region above a text region, one slide ({@code <par>}) per media part, the
 * text on the first slide (or on a slide of its own when there is no media).
 *
 * <p>Each reference is written as given in {@code src}; the writer uses the part's {@code Content-Location},
 * which MMS clients resolve like a {@code cid:} reference. Stateless.
 */
public final class Smil {
    /** How long each slide shows, as MMS clients expect it written. */
    private static final String SLIDE_DURATION = "5000ms";

    /**
     * One media reference of the presentation.
     *
     * @param contentType the media type, e.g. {@code image/jpeg}; picks the element ({@code img},
     *                    {@code video}, {@code audio}, else {@code ref})
     * @param src         the reference to the part, e.g. its Content-Location
     */
    public record MediaRef(String contentType, String src) {
        public MediaRef {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(src, "src");
        }
    }

    private Smil() {}

    /**
     * The SMIL document for a message whose text part is referenced by {@code textSrc} (if there is text)
     * and whose media parts are {@code media}, in order.
     */
    public static String document(Optional<String> textSrc, List<MediaRef> media) {
        StringBuilder b = new StringBuilder(256 + 80 * media.size());
        b.append("<smil>\n<head>\n<layout>\n")
                .append("<root-layout width=\"320px\" height=\"480px\"/>\n")
                .append(
                        "<region id=\"Image\" left=\"0px\" top=\"0px\" width=\"320px\" height=\"320px\" fit=\"meet\"/>\n")
                .append(
                        "<region id=\"Text\" left=\"0px\" top=\"320px\" width=\"320px\" height=\"160px\" fit=\"meet\"/>\n")
                .append("</layout>\n</head>\n<body>\n");
        if (media.isEmpty()) {
            textSrc.ifPresent(src -> slide(b, Optional.empty(), Optional.of(src)));
        }
        for (int i = 0; i < media.size(); i++) {
            slide(b, Optional.of(media.get(i)), i == 0 ? textSrc : Optional.empty());
        }
        return b.append("</body>\n</smil>\n").toString();
    }

    private static void slide(StringBuilder b, Optional<MediaRef> media, Optional<String> textSrc) {
        b.append("<par dur=\"").append(SLIDE_DURATION).append("\">\n");
        media.ifPresent(m -> {
            String element = element(m.contentType());
            b.append('<')
                    .append(element)
                    .append(" src=\"")
                    .append(escape(m.src()))
                    .append('"');
            if (element.equals("img") || element.equals("video")) {
                b.append(" region=\"Image\"");
            }
            b.append("/>\n");
        });
        textSrc.ifPresent(src -> b.append("<text src=\"").append(escape(src)).append("\" region=\"Text\"/>\n"));
        b.append("</par>\n");
    }

    private static String element(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        if (t.startsWith("image/")) {
            return "img";
        }
        if (t.startsWith("video/")) {
            return "video";
        }
        if (t.startsWith("audio/")) {
            return "audio";
        }
        return "ref";
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

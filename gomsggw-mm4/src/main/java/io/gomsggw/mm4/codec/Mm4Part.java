package io.gomsggw.mm4.codec;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One media part of an MM4 message (an image, a video, a vCard, ...), decoded from its transfer encoding.
 * The bytes are held in memory; {@code content} is never mutated after construction (callers must not
 * change the array they pass in or read out), as with the core model's media parts.
 *
 * @param contentType the MIME type without parameters, e.g. {@code image/jpeg} (lower case when parsed)
 * @param filename    the name the sender gave (last path segment only) or a generated one; never blank
 * @param contentId   the {@code Content-ID} without its angle brackets, if any
 * @param content     the decoded bytes
 */
public record Mm4Part(String contentType, String filename, Optional<String> contentId, byte[] content) {
    /** {@code type/subtype}, each an RFC 2045 token. */
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`{|}~-]+/[A-Za-z0-9!#$%&'*+.^_`{|}~-]+");

    /**
     * @throws IllegalArgumentException when {@code contentType} is not {@code type/subtype} or the filename
     *                                  is blank
     */
    public Mm4Part {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(content, "content");
        if (!MEDIA_TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException("not a media type without parameters: " + contentType);
        }
        if (filename.isBlank()) {
            throw new IllegalArgumentException("blank filename");
        }
    }

    /** A part without a Content-ID (the writer gives it one). */
    public Mm4Part(String contentType, String filename, byte[] content) {
        this(contentType, filename, Optional.empty(), content);
    }

    /** The number of decoded bytes. */
    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mm4Part p
                && contentType.equals(p.contentType)
                && filename.equals(p.filename)
                && contentId.equals(p.contentId)
                && Arrays.equals(content, p.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, filename, contentId, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Mm4Part[contentType=" + contentType + ", filename=" + filename + ", contentId=" + contentId.orElse("")
                + ", size=" + content.length + "]";
    }
}

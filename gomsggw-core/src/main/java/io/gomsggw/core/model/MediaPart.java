package io.gomsggw.core.model;

import java.util.Objects;

/**
 * One attachment of an MMS. The bytes are held in memory; {@code content} is never mutated after
 * construction (callers must not change the array they pass in or read out).
 *
 * @param filename    the name the sender gave, or a generated one; never null
 * @param contentType the MIME type, e.g. {@code image/jpeg}; never null
 * @param content     the raw bytes
 */
public record MediaPart(String filename, String contentType, byte[] content) {
    public MediaPart {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
    }

    public int size() {
        return content.length;
    }

    @Override
    public String toString() {
        return "MediaPart[filename=" + filename + ", contentType=" + contentType + ", size=" + content.length + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaPart m
                && filename.equals(m.filename)
                && contentType.equals(m.contentType)
                && java.util.Arrays.equals(content, m.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, contentType, java.util.Arrays.hashCode(content));
    }
}

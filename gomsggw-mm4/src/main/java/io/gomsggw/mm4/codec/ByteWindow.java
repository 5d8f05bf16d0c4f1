package io.gomsggw.mm4.codec;

import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A {@link SharedByteArrayInputStream} whose {@link #newStream} is a {@code ByteWindow} again, so every
 * {@code MimeMessage} and {@code MimeBodyPart} Jakarta Mail builds from it holds a window (offset and
 * length) over the one array of the message rather than a copy, and {@link BodyReader} reaches a part's
 * bytes through {@link #of} without reading them out.
 *
 * <p>Why: copying the message for the MIME tree and again for each part was most of what the parser
 * allocated per MMS. The array is shared, never written: only the decoded media are copies of their own.
 */
final class ByteWindow extends SharedByteArrayInputStream {

    /** A window over all of {@code array}. */
    ByteWindow(byte[] array) {
        super(array);
    }

    /** A window over {@code array[from, to)}. */
    ByteWindow(byte[] array, int from, int to) {
        super(array, from, to - from);
    }

    /**
     * The bytes {@code in} has left: when it is a {@code ByteWindow}, that window itself (nothing is read or
     * copied); else all it reads, in a new array.
     */
    static ByteWindow of(InputStream in) throws IOException {
        return in instanceof ByteWindow window ? window : new ByteWindow(in.readAllBytes());
    }

    /** As {@link SharedByteArrayInputStream#newStream}, but a {@code ByteWindow} over the same array. */
    @Override
    public InputStream newStream(long start, long end) {
        if (start < 0) {
            throw new IllegalArgumentException("start < 0");
        }
        long stop = end == -1 ? count - this.start : end;
        return new ByteWindow(buf, this.start + (int) start, this.start + (int) stop);
    }

    /** The shared array (read only). */
    byte[] array() {
        return buf;
    }

    /** The index in {@link #array()} of the next byte to read. */
    int from() {
        return pos;
    }

    /** The index in {@link #array()} after the last byte of the window. */
    int to() {
        return count;
    }

    /** The number of bytes from {@link #from()} to {@link #to()}. */
    int length() {
        return count - pos;
    }

    /** The bytes from {@link #from()} to {@link #to()} in an array of their own. */
    byte[] copy() {
        return Arrays.copyOfRange(buf, pos, count);
    }

    /** A window over {@code array()[from, to)}, which must lie within this window. */
    ByteWindow window(int from, int to) {
        if (from < start || to > count || from > to) {
            throw new IllegalArgumentException("[" + from + ", " + to + ") outside [" + start + ", " + count + ")");
        }
        return new ByteWindow(buf, from, to);
    }
}

package io.gomsggw.http;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The bytes of one request body as they arrive, in one array that becomes the {@link Request}'s
 * body without another copy. With a {@code Content-Length} the array has that size from the start;
 * without one it grows (doubling, up to the limit), and the old array is given back to the budget
 * once copied. Every array is reserved in the {@link BodyBudget} before it is allocated.
 *
 * <p>Used on one connection's event loop only.
 */
final class BodyBuffer {
    private static final int FIRST_CAPACITY = 8 * 1024;

    /** Why bytes could not be added. */
    enum Overflow {
        NONE,
        TOO_LARGE,
        NO_MEMORY
    }

    private final BodyBudget.Reservation reservation;
    private final int maxBytes;
    private final boolean fixedLength;
    private byte[] bytes;
    private int length;

    private BodyBuffer(BodyBudget.Reservation reservation, int maxBytes, byte[] bytes, boolean fixedLength) {
        this.reservation = reservation;
        this.maxBytes = maxBytes;
        this.bytes = bytes;
        this.fixedLength = fixedLength;
    }

    /**
     * A buffer for a body of {@code contentLength} bytes ({@code -1}: unknown), or null when the
     * budget cannot hold it now.
     */
    static BodyBuffer reserve(BodyBudget budget, long contentLength, int maxBytes) {
        BodyBudget.Reservation reservation = budget.open();
        if (contentLength >= 0) {
            if (!reservation.grow(contentLength)) {
                return null;
            }
            return new BodyBuffer(reservation, maxBytes, new byte[(int) contentLength], true);
        }
        return new BodyBuffer(reservation, maxBytes, new byte[0], false);
    }

    /** Appends the readable bytes of {@code content} (without changing its reader index). */
    Overflow append(ByteBuf content) {
        int count = content.readableBytes();
        if (count == 0) {
            return Overflow.NONE;
        }
        if (count > maxBytes - length) {
            return Overflow.TOO_LARGE;
        }
        if (count > bytes.length - length) {
            if (fixedLength) {
                // The decoder never passes more than Content-Length; treat it like an over-long body.
                return Overflow.TOO_LARGE;
            }
            if (!grow(length + count)) {
                return Overflow.NO_MEMORY;
            }
        }
        content.getBytes(content.readerIndex(), bytes, length, count);
        length += count;
        return Overflow.NONE;
    }

    private boolean grow(int needed) {
        int capacity = (int) Math.min(maxBytes, Math.max(needed, Math.max(FIRST_CAPACITY, 2L * bytes.length)));
        if (!reservation.grow(capacity)) {
            return false;
        }
        int old = bytes.length;
        bytes = Arrays.copyOf(bytes, capacity);
        reservation.shrink(old);
        return true;
    }

    /**
     * The body, exactly as long as what arrived: the array itself when it is full, else an exact
     * copy (reserved like any array, the larger one given back after); null when the budget cannot
     * hold that copy now.
     */
    byte[] finish() {
        if (length == bytes.length) {
            return bytes;
        }
        if (!reservation.grow(length)) {
            return null;
        }
        int spare = bytes.length;
        bytes = Arrays.copyOf(bytes, length);
        reservation.shrink(spare);
        return bytes;
    }

    BodyBudget.Reservation reservation() {
        return reservation;
    }
}

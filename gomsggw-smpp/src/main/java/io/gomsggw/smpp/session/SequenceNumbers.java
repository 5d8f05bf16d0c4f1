package io.gomsggw.smpp.session;

import java.util.concurrent.atomic.AtomicInteger;

/** Sequence numbers this side assigns to its requests: 1..0x7FFFFFFF, then 1 again. Thread-safe. */
final class SequenceNumbers {
    /** The largest sequence number SMPP allows. */
    static final int MAX = 0x7FFFFFFF;

    private final AtomicInteger next;

    SequenceNumbers() {
        this(1);
    }

    SequenceNumbers(int first) {
        if (first < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1");
        }
        next = new AtomicInteger(first);
    }

    /** The next number; after {@link #MAX} comes 1. */
    int next() {
        return next.getAndUpdate(n -> n >= MAX ? 1 : n + 1);
    }
}

package io.gomsggw.core.model;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Ids of new messages: UUID version 7 (RFC 9562), the usual 36-character text form. The first 48
 * bits are the creation time in milliseconds and the other 74 free bits random, so ids are as hard
 * to guess as before but sort roughly by creation: a message's rows then land at the end of the
 * key indexes ({@code messages.id}, the status history's {@code (message_id, seq)}) instead of in a
 * random page, and each commit of the embedded database rewrites far fewer pages.
 */
public final class MessageIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {}

    /** A new id carrying the current time of {@code clock}. */
    public static String next(Clock clock) {
        return next(clock.millis());
    }

    static String next(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high =
                (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low).toString();
    }
}

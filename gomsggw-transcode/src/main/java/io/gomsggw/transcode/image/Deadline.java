package io.gomsggw.transcode.image;

import io.gomsggw.core.spi.TranscodeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A point in time after which work on one item stops at its next check. Time comes from an
 * injected {@link Clock}.
 */
public final class Deadline {
    private final Clock clock;
    private final Instant end;
    private final Duration budget;

    private Deadline(Clock clock, Instant end, Duration budget) {
        this.clock = clock;
        this.end = end;
        this.budget = budget;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Clock clock, Duration budget) {
        return new Deadline(clock, clock.instant().plus(budget), budget);
    }

    /** A deadline that never passes (for tools and benchmarks). */
    public static Deadline none() {
        return new Deadline(Clock.systemUTC(), Instant.MAX, Duration.ofSeconds(Long.MAX_VALUE));
    }

    /**
     * Throws {@code media_too_large} when the deadline has passed.
     *
     * @param what what is being worked on, for the message
     */
    public void check(String what) throws TranscodeException {
        if (!end.equals(Instant.MAX) && clock.instant().isAfter(end)) {
            throw new TranscodeException(
                    TranscodeException.MEDIA_TOO_LARGE,
                    "transcoding " + what + " took longer than " + budget.toMillis() + " ms");
        }
    }
}

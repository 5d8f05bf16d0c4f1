package io.gomsggw.core.spi;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the delay before retry {@code n} (1-based) is a random
 * duration between half and all of {@code base × 2^(n-1)}, capped at {@code max}
 * ({@link #delayAfter}). Deliveries to clients are not limited by a count but by the client's
 * delivery window; for them {@link #delayInWindow} keeps the first {@code retries} retries at
 * {@code base} (a short outage costs little delay) and doubles from there up to {@code max}.
 *
 * @param retries how many retries follow the first attempt (so {@code retries + 1} attempts in all)
 * @param base    the nominal delay before the first retry
 * @param max     the largest delay
 * @param timeout how long one attempt may take
 */
public record RetryPolicy(int retries, Duration base, Duration max, Duration timeout) {
    public RetryPolicy {
        if (retries < 0) throw new IllegalArgumentException("retries must not be negative");
        if (base.isNegative() || max.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }

    /** Whether another attempt may follow {@code attemptsMade} attempts. */
    public boolean mayRetry(int attemptsMade) {
        return attemptsMade <= retries;
    }

    /**
     * The delay before the retry that follows {@code attemptsMade} attempts of a delivery retried
     * until its window ends: {@code base} for the first {@code retries} retries, then
     * {@code base × 2^k} for the k-th retry after those, capped at {@code max}; between half and
     * all of it at random ({@code random} yields [0, 1)).
     */
    public Duration delayInWindow(int attemptsMade, DoubleSupplier random) {
        int doublings = Math.min(Math.max(attemptsMade - retries, 0), 20);
        long nominal = Math.max(base.toMillis(), 1) << doublings;
        long capped = Math.min(nominal, max.toMillis());
        long jittered = capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2));
        return Duration.ofMillis(jittered);
    }

    /** The delay before the retry that follows {@code attemptsMade} attempts; {@code random} yields [0, 1). */
    public Duration delayAfter(int attemptsMade, DoubleSupplier random) {
        long nominal = base.toMillis() << Math.min(Math.max(attemptsMade - 1, 0), 20);
        long capped = Math.min(nominal, max.toMillis());
        long jittered = capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2));
        return Duration.ofMillis(jittered);
    }
}

package io.gomsggw.core.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The per-key requests-per-minute limit: a token bucket per key holding {@code rate_limit}
 * requests, refilled continuously at {@code rate_limit} per minute, so a key may burst up to its
 * minute's worth and then goes on at its rate. Buckets live in memory on this node (a key used on
 * several nodes gets the rate on each); an idle key's bucket is forgotten after two minutes, when
 * it would be full anyway. Time comes from the injected clock. Thread-safe and non-blocking.
 */
public final class ApiKeyRateLimiter {
    private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

    private final Clock clock;
    private final Cache<Long, Bucket> buckets;

    public ApiKeyRateLimiter(Clock clock) {
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(2))
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .maximumSize(1_000_000)
                .build();
    }

    /**
     * Takes one request from {@code key}'s bucket: empty when it may go on, else how long until
     * the next request may (for {@code Retry-After}). A key without a rate limit always may.
     */
    public Optional<Duration> acquire(ApiKey key) {
        int perMinute = key.rateLimitPerMinute();
        if (perMinute <= 0) {
            return Optional.empty();
        }
        long now = clock.millis() * 1_000_000L;
        Bucket bucket = buckets.get(key.id(), id -> new Bucket(perMinute, now));
        return bucket.take(perMinute, now);
    }

    /** Tokens are kept in units of 1/{@code NANOS_PER_MINUTE} request, so refill is exact integer arithmetic. */
    private static final class Bucket {
        private long tokens;
        private long updated;

        Bucket(int perMinute, long now) {
            this.tokens = perMinute * NANOS_PER_MINUTE;
            this.updated = now;
        }

        synchronized Optional<Duration> take(int perMinute, long now) {
            long capacity = perMinute * NANOS_PER_MINUTE;
            if (now > updated) {
                long elapsed = now - updated;
                tokens = elapsed >= NANOS_PER_MINUTE ? capacity : Math.min(capacity, tokens + elapsed * perMinute);
                updated = now;
            }
            tokens = Math.min(tokens, capacity);
            if (tokens >= NANOS_PER_MINUTE) {
                tokens -= NANOS_PER_MINUTE;
                return Optional.empty();
            }
            long missing = NANOS_PER_MINUTE - tokens;
            return Optional.of(Duration.ofNanos((missing + perMinute - 1) / perMinute));
        }
    }
}

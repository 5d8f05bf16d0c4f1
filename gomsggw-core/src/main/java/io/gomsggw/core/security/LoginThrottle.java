package io.gomsggw.core.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gomsggw.core.net.CidrBlock;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Slows down a source address that keeps failing to log in (SMPP binds, HTTP Basic and admin
 * credentials, MM4 sessions from unknown addresses), and nobody else.
 *
 * <p>A source may fail {@link Settings#freeFailures} times; each failure beyond that bars it for a
 * penalty that doubles from {@link Settings#firstPenalty} up to {@link Settings#maxPenalty}. While
 * barred, {@link #check} says how long is left and the caller refuses at once, without looking at
 * the credentials (so a barred source cannot guess on, and costs no password check). Attempts
 * refused while barred are not failures: callers do not report them. A failure reported while the
 * source is barred comes from a check that began before the bar (several attempts checked at once);
 * it counts and lengthens the bar like any other, so guesses made in parallel do not slip through
 * one bar together. A success forgets the source's failures; so does {@link Settings#forgetAfter}
 * without an attempt (checked or failed). An IPv6 source is counted by its /64 network, the usual
 * share of one host, so that walking through its own addresses does not reset the count.
 *
 * <p>Memory is bounded: at most {@link Settings#maxSources} sources are remembered (the least recently
 * seen are forgotten first). Thread-safe and non-blocking: callers on event loops may use it.
 */
public final class LoginThrottle {
    /**
     * @param freeFailures failures a source may make before it is barred
     * @param firstPenalty how long the first failure beyond those bars the source
     * @param maxPenalty   the longest bar
     * @param forgetAfter  how long a source's failures are remembered after its last attempt
     * @param maxSources   the most sources remembered at once
     */
    public record Settings(
            int freeFailures, Duration firstPenalty, Duration maxPenalty, Duration forgetAfter, int maxSources) {
        public Settings {
            if (freeFailures < 0 || maxSources < 1) {
                throw new IllegalArgumentException("freeFailures must not be negative and maxSources positive");
            }
            if (firstPenalty.isNegative()
                    || firstPenalty.isZero()
                    || maxPenalty.compareTo(firstPenalty) < 0
                    || forgetAfter.compareTo(maxPenalty) < 0) {
                throw new IllegalArgumentException("need 0 < firstPenalty <= maxPenalty <= forgetAfter");
            }
        }
    }

    /** Five free failures, then 1 s doubling up to 5 minutes; forgotten after 15 quiet minutes. */
    public static final Settings DEFAULTS =
            new Settings(5, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15), 100_000);

    /** What {@link #check} says about a source. */
    public sealed interface Verdict {
        /** The attempt may go on to the credential check. */
        record Allowed() implements Verdict {}

        /** The source is barred for {@code remaining} more. */
        record Barred(Duration remaining) implements Verdict {}
    }

    private static final Verdict ALLOWED = new Verdict.Allowed();

    private final Settings settings;
    private final Clock clock;
    private final Cache<InetAddress, Failures> sources;

    public LoginThrottle(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sources = Caffeine.newBuilder()
                .maximumSize(settings.maxSources())
                .expireAfterAccess(settings.forgetAfter())
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    /** Whether an attempt from {@code source} may be checked now. */
    public Verdict check(InetAddress source) {
        Failures failures = sources.getIfPresent(key(source));
        if (failures == null) {
            return ALLOWED;
        }
        Duration remaining = failures.barredFor(clock.instant());
        return remaining.isZero() ? ALLOWED : new Verdict.Barred(remaining);
    }

    /** An attempt from {@code source} failed its credential check. */
    public void failed(InetAddress source) {
        sources.asMap().compute(key(source), (key, failures) -> {
            Failures next = failures == null ? new Failures() : failures;
            next.add(clock.instant(), settings);
            return next;
        });
    }

    /** An attempt from {@code source} passed: its failures are forgotten. */
    public void succeeded(InetAddress source) {
        sources.invalidate(key(source));
    }

    /** Sources remembered now (for metrics). */
    public long trackedSources() {
        return sources.estimatedSize();
    }

    private static InetAddress key(InetAddress source) {
        return CidrBlock.hostNetwork(source);
    }

    /** The failures of one source; guarded by the map's per-key compute. */
    private static final class Failures {
        private int count;
        private volatile Instant barredUntil = Instant.MIN;

        void add(Instant now, Settings settings) {
            count++;
            int beyond = count - settings.freeFailures();
            if (beyond > 0) {
                long factor = 1L << Math.min(beyond - 1, 30);
                Duration penalty = settings.firstPenalty().multipliedBy(factor);
                barredUntil = now.plus(penalty.compareTo(settings.maxPenalty()) > 0 ? settings.maxPenalty() : penalty);
            }
        }

        Duration barredFor(Instant now) {
            Instant until = barredUntil;
            return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
        }
    }
}

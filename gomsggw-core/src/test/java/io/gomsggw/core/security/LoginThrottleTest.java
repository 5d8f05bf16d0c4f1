package io.gomsggw.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.testing.MutableClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.DEFAULTS, clock);

    @Test
    void freeFailuresDoNotBar() throws UnknownHostException {
        InetAddress source = InetAddress.getByName("203.0.113.7");
        for (int i = 0; i < LoginThrottle.DEFAULTS.freeFailures(); i++) {
            throttle.failed(source);
        }

        assertThat(throttle.check(source)).isInstanceOf(LoginThrottle.Verdict.Allowed.class);
    }

    @Test
    void eachFailureBeyondTheFreeOnesDoublesTheBarUpToTheMaximum() throws UnknownHostException {
        InetAddress source = InetAddress.getByName("203.0.113.7");
        for (int i = 0; i < LoginThrottle.DEFAULTS.freeFailures(); i++) {
            throttle.failed(source);
        }
        Duration expected = Duration.ofSeconds(1);
        for (int i = 0; i < 12; i++) {
            throttle.failed(source);
            assertThat(throttle.check(source)).isEqualTo(new LoginThrottle.Verdict.Barred(expected));
            clock.advance(expected);
            assertThat(throttle.check(source)).isInstanceOf(LoginThrottle.Verdict.Allowed.class);
            expected = expected.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0
                    ? Duration.ofMinutes(5)
                    : expected.multipliedBy(2);
        }
    }

    @Test
    void failuresOfChecksThatRacedTheBarLengthenIt() throws UnknownHostException {
        InetAddress source = InetAddress.getByName("203.0.113.7");
        for (int i = 0; i <= LoginThrottle.DEFAULTS.freeFailures(); i++) {
            throttle.failed(source);
        }
        assertThat(throttle.check(source)).isEqualTo(new LoginThrottle.Verdict.Barred(Duration.ofSeconds(1)));
        // three more guesses that were checked at the same moment as the one that barred the source
        for (int i = 0; i < 3; i++) {
            throttle.failed(source);
        }

        assertThat(throttle.check(source)).isEqualTo(new LoginThrottle.Verdict.Barred(Duration.ofSeconds(8)));
    }

    @Test
    void aBarredSourceBarsNobodyElse() throws UnknownHostException {
        InetAddress attacker = InetAddress.getByName("203.0.113.7");
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(5));
            throttle.failed(attacker);
        }

        assertThat(throttle.check(attacker)).isInstanceOf(LoginThrottle.Verdict.Barred.class);
        assertThat(throttle.check(InetAddress.getByName("203.0.113.8")))
                .isInstanceOf(LoginThrottle.Verdict.Allowed.class);
        assertThat(throttle.check(InetAddress.getByName("2001:db8:1::1")))
                .isInstanceOf(LoginThrottle.Verdict.Allowed.class);
    }

    @Test
    void anIpv6SourceIsCountedByItsSlash64() throws UnknownHostException {
        for (int i = 0; i <= LoginThrottle.DEFAULTS.freeFailures(); i++) {
            throttle.failed(InetAddress.getByName("2001:db8:0:1::" + Integer.toHexString(i + 1)));
        }

        assertThat(throttle.check(InetAddress.getByName("2001:db8:0:1::ffff")))
                .isInstanceOf(LoginThrottle.Verdict.Barred.class);
        assertThat(throttle.check(InetAddress.getByName("2001:db8:0:2::1")))
                .isInstanceOf(LoginThrottle.Verdict.Allowed.class);
    }

    @Test
    void aSuccessForgetsTheFailures() throws UnknownHostException {
        InetAddress source = InetAddress.getByName("203.0.113.7");
        for (int i = 0; i < LoginThrottle.DEFAULTS.freeFailures(); i++) {
            throttle.failed(source);
        }
        throttle.succeeded(source);
        throttle.failed(source);

        assertThat(throttle.check(source)).isInstanceOf(LoginThrottle.Verdict.Allowed.class);
    }

    @Test
    void failuresAreForgottenAfterAQuietPeriod() throws UnknownHostException {
        InetAddress source = InetAddress.getByName("203.0.113.7");
        for (int i = 0; i < LoginThrottle.DEFAULTS.freeFailures(); i++) {
            throttle.failed(source);
        }
        clock.advance(LoginThrottle.DEFAULTS.forgetAfter().plusSeconds(1));
        throttle.failed(source);

        assertThat(throttle.check(source)).isInstanceOf(LoginThrottle.Verdict.Allowed.class);
    }

    @Test
    void rememberedSourcesAreBounded() throws UnknownHostException {
        LoginThrottle small = new LoginThrottle(
                new LoginThrottle.Settings(0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1), 100),
                clock);
        for (int i = 0; i < 5_000; i++) {
            small.failed(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
        }

        assertThat(small.trackedSources()).isLessThanOrEqualTo(100);
    }
}

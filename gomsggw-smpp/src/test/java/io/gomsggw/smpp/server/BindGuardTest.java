package io.gomsggw.smpp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.security.LoginThrottle;
import io.gomsggw.core.testing.MutableClock;
import java.net.InetAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BindGuardTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

    private static BindGuard guard(int perSource, int total) {
        return new BindGuard(new BindGuard.Limits(perSource, total), new LoginThrottle(LoginThrottle.DEFAULTS, CLOCK));
    }

    @Test
    void oneSourceWaitsWithAtMostItsShareOfUnboundConnections() throws Exception {
        BindGuard guard = guard(2, 10);
        InetAddress attacker = InetAddress.getByName("203.0.113.7");

        assertThat(guard.tryOpen(attacker)).isTrue();
        assertThat(guard.tryOpen(attacker)).isTrue();
        assertThat(guard.tryOpen(attacker)).isFalse();
        assertThat(guard.tryOpen(InetAddress.getByName("203.0.113.8"))).isTrue();
        assertThat(guard.unbound(attacker)).isEqualTo(2);
        assertThat(guard.unbound()).isEqualTo(3);

        guard.release(attacker);
        assertThat(guard.tryOpen(attacker)).isTrue();
    }

    @Test
    void allSourcesTogetherWaitWithAtMostTheTotal() throws Exception {
        BindGuard guard = guard(2, 3);
        guard.tryOpen(InetAddress.getByName("203.0.113.7"));
        guard.tryOpen(InetAddress.getByName("203.0.113.8"));
        guard.tryOpen(InetAddress.getByName("203.0.113.9"));

        assertThat(guard.tryOpen(InetAddress.getByName("203.0.113.10"))).isFalse();
        assertThat(guard.unbound()).isEqualTo(3);
        guard.release(InetAddress.getByName("203.0.113.8"));
        assertThat(guard.tryOpen(InetAddress.getByName("203.0.113.10"))).isTrue();
    }

    @Test
    void anIpv6HostIsCountedByItsSlash64AndForgottenWhenItHasNoneLeft() throws Exception {
        BindGuard guard = guard(2, 10);
        assertThat(guard.tryOpen(InetAddress.getByName("2001:db8:0:1::1"))).isTrue();
        assertThat(guard.tryOpen(InetAddress.getByName("2001:db8:0:1::2"))).isTrue();
        assertThat(guard.tryOpen(InetAddress.getByName("2001:db8:0:1::3"))).isFalse();
        assertThat(guard.tryOpen(InetAddress.getByName("2001:db8:0:2::1"))).isTrue();

        guard.release(InetAddress.getByName("2001:db8:0:1::1"));
        guard.release(InetAddress.getByName("2001:db8:0:1::2"));
        assertThat(guard.unbound(InetAddress.getByName("2001:db8:0:1::9"))).isZero();
        assertThat(guard.unbound()).isEqualTo(1);
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new BindGuard.Limits(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BindGuard.Limits(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}

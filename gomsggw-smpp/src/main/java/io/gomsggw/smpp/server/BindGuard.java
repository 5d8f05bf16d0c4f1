package io.gomsggw.smpp.server;

import io.gomsggw.core.net.CidrBlock;
import io.gomsggw.core.security.LoginThrottle;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Guards an SMPP server against bind storms and password guessing.
 *
 * <ul>
 *   <li>At most {@link Limits#maxUnboundPerSource} connections from one source, and
 *       {@link Limits#maxUnbound} in all, may wait for their bind (or for its decision); a
 *       connection beyond is closed at once. A source is an IPv4 address or an IPv6 /64
 *       ({@link CidrBlock#hostNetwork}); behind the PROXY protocol, the address its header names,
 *       counted once the header is read. Bound connections are not limited here.</li>
 *   <li>A source that keeps failing to bind is barred by the {@link LoginThrottle}: its binds are
 *       answered {@code ESME_RBINDFAIL} at once, without a password check, and the connection is
 *       closed. Every refused bind (unknown {@code system_id}, wrong password, wrong source
 *       address) counts as a failure; a successful bind forgets the source's failures.</li>
 * </ul>
 *
 * <p>Share one instance between listeners to share their limits. Thread-safe and non-blocking (its
 * lock guards a few map operations, once per connection); memory is bounded by
 * {@link Limits#maxUnbound} sources and the throttle's own bound.
 */
public final class BindGuard {

    /**
     * @param maxUnboundPerSource connections one source may have waiting for their bind
     * @param maxUnbound          connections that may wait for their bind in all
     */
    public record Limits(int maxUnboundPerSource, int maxUnbound) {
        /** 16 per source, 1,000 in all. */
        public static final Limits DEFAULTS = new Limits(16, 1_000);

        public Limits {
            if (maxUnboundPerSource < 1 || maxUnbound < maxUnboundPerSource) {
                throw new IllegalArgumentException("need 1 <= maxUnboundPerSource <= maxUnbound");
            }
        }
    }

    private final Limits limits;
    private final LoginThrottle throttle;
    /** Guarded by {@code this}: short, non-blocking sections, once per connection. */
    private final Map<InetAddress, Integer> unboundBySource = new HashMap<>();

    private int unbound;

    public BindGuard(Limits limits, LoginThrottle throttle) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
    }

    /** The default limits and a throttle with {@link LoginThrottle#DEFAULTS} on {@code clock}. */
    public static BindGuard withDefaults(Clock clock) {
        return new BindGuard(Limits.DEFAULTS, new LoginThrottle(LoginThrottle.DEFAULTS, clock));
    }

    /** The throttle that bars sources after failed binds. */
    public LoginThrottle throttle() {
        return throttle;
    }

    /** Connections waiting for their bind now, in all. */
    public synchronized int unbound() {
        return unbound;
    }

    /** Connections from {@code source}'s host waiting for their bind now. */
    public synchronized int unbound(InetAddress source) {
        return unboundBySource.getOrDefault(CidrBlock.hostNetwork(source), 0);
    }

    /**
     * Counts a connection from {@code source} as waiting for its bind, if the limits allow;
     * {@link #release} must follow exactly once when it returns true.
     */
    synchronized boolean tryOpen(InetAddress source) {
        InetAddress host = CidrBlock.hostNetwork(source);
        int fromHost = unboundBySource.getOrDefault(host, 0);
        if (unbound >= limits.maxUnbound() || fromHost >= limits.maxUnboundPerSource()) {
            return false;
        }
        unboundBySource.put(host, fromHost + 1);
        unbound++;
        return true;
    }

    /** A connection {@link #tryOpen} counted is bound or closed. */
    synchronized void release(InetAddress source) {
        unboundBySource.computeIfPresent(CidrBlock.hostNetwork(source), (host, count) -> count == 1 ? null : count - 1);
        unbound--;
    }
}

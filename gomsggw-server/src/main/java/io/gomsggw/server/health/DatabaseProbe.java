package io.gomsggw.server.health;

import io.gomsggw.core.store.WriteHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's state for {@code /health}: down when a connection cannot be had or does not
 * answer ({@code connectionProbe}, which has its own timeout), or while the message store's writes
 * fail ({@link WriteHealth}: a full disk under the message log or the database). The connection
 * probe runs at most once per {@code freshness}; meanwhile, and while another caller probes, the
 * last result is answered, so a burst of health checks costs one query. While writes fail, the
 * probe also tries {@code writeProbe} (when there is one), which clears the failure once it passes.
 * A change of state is logged once, with its reason.
 *
 * <p>Thread-safe. {@link #isUp()} blocks at most for one probe.
 */
public final class DatabaseProbe {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProbe.class);

    private final BooleanSupplier connectionProbe;
    private final Runnable writeProbe;
    private final WriteHealth writes;
    private final Clock clock;
    private final Duration freshness;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Instant probedAt;
    private volatile boolean connectionUp = true;
    private volatile Optional<String> reported = Optional.empty();

    /**
     * @param connectionProbe true when a connection answers (e.g. {@code Connection.isValid(2)})
     * @param writeProbe      a small write that throws when the database refuses writes, or null
     * @param writes          the message store's write failures
     * @param freshness       how long a probe's answer is reused
     */
    public DatabaseProbe(
            BooleanSupplier connectionProbe, Runnable writeProbe, WriteHealth writes, Clock clock, Duration freshness) {
        this.connectionProbe = connectionProbe;
        this.writeProbe = writeProbe;
        this.writes = writes;
        this.clock = clock;
        this.freshness = freshness;
    }

    /** Whether the database is up; see the class comment. */
    public boolean isUp() {
        Instant now = clock.instant();
        Instant last = probedAt;
        if ((last == null || !now.isBefore(last.plus(freshness))) && probing.compareAndSet(false, true)) {
            try {
                connectionUp = probeConnection();
                if (connectionUp && writes.writeFailure().isPresent() && writeProbe != null) {
                    probeWrite();
                }
                probedAt = now;
            } finally {
                probing.set(false);
            }
        }
        Optional<String> problem = connectionUp ? writes.writeFailure() : Optional.of("no connection answers");
        report(problem);
        return problem.isEmpty();
    }

    private boolean probeConnection() {
        try {
            return connectionProbe.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void probeWrite() {
        try {
            writeProbe.run();
        } catch (RuntimeException e) {
            LOG.debug("database write probe failed error={}", e.toString());
        }
    }

    private void report(Optional<String> problem) {
        Optional<String> before = reported;
        if (before.equals(problem)) return;
        reported = problem;
        if (problem.isPresent()) {
            LOG.warn("database down reason=\"{}\"", problem.get());
        } else {
            LOG.info("database up again");
        }
    }
}

package io.gomsggw.core.store.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery after a failed append (a full disk): retries {@link MessageLog#recover()} with back-off
 * (0.1 s doubling to 5 s) on a thread of its own until it succeeds or the store closes. Until then
 * the log refuses appends, so every write fails at once. Thread-safe: at most one thread retries.
 */
final class LogRecovery {
    private static final Logger log = LoggerFactory.getLogger(LogRecovery.class);
    private static final Duration FIRST_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private final MessageLog messageLog;
    private final BooleanSupplier closed;
    /** Whether a thread is retrying {@link MessageLog#recover()}. */
    private final AtomicBoolean recovering = new AtomicBoolean();

    LogRecovery(MessageLog messageLog, BooleanSupplier closed) {
        this.messageLog = messageLog;
        this.closed = closed;
    }

    /** Retries {@link MessageLog#recover()} with back-off on a thread of its own, unless one does already. */
    void start() {
        if (!recovering.compareAndSet(false, true)) return;
        Thread thread = new Thread(this::recoverLoop, "gomsggw-log-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    private void recoverLoop() {
        long delay = FIRST_DELAY.toMillis();
        try {
            while (!closed.getAsBoolean()) {
                sleep(delay);
                try {
                    messageLog.recover();
                    return;
                } catch (IOException | UncheckedIOException e) {
                    delay = Math.min(delay * 2, MAX_DELAY.toMillis());
                    log.warn("message log still not writable, retrying in {} ms error={}", delay, e.toString());
                }
            }
        } finally {
            recovering.set(false);
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.gomsggw.core.dispatch;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.spi.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How long deliveries to a client are retried before the message is {@code undelivered}: the
 * client's own {@code delivery_window_hours}, else the default ({@code DELIVERY_WINDOW_HOURS},
 * 24 hours). The window is counted from the message's acceptance, or from its redelivery.
 * Immutable.
 */
public final class DeliveryWindows {
    /** {@code DELIVERY_WINDOW_HOURS} when unset. */
    public static final Duration DEFAULT = Duration.ofHours(24);

    private final Duration defaultWindow;

    /** @param defaultWindow the window of clients without their own; positive */
    public DeliveryWindows(Duration defaultWindow) {
        Objects.requireNonNull(defaultWindow, "defaultWindow");
        if (defaultWindow.isNegative() || defaultWindow.isZero()) {
            throw new IllegalArgumentException("the delivery window must be positive");
        }
        this.defaultWindow = defaultWindow;
    }

    public Duration defaultWindow() {
        return defaultWindow;
    }

    /** The window of deliveries to {@code client}. */
    public Duration of(Client client) {
        Integer hours = client.settings().deliveryWindowHours();
        return hours != null ? Duration.ofHours(hours) : defaultWindow;
    }

    /**
     * When the next attempt of a delivery to {@code client} (null: not known any more, the default
     * window applies) that just failed is due: after {@code policy}'s
     * {@link RetryPolicy#delayInWindow delay}, at most {@link Dispatcher#MAX_RETRY_DELAY}, and no
     * later than the end of the window; null when the window is over.
     */
    Instant nextAttempt(Message message, Client client, RetryPolicy policy, Instant now, DoubleSupplier random) {
        return nextAttempt(message.windowStart(), message.attempts(), client, policy, now, random);
    }

    /**
     * The same for anything else sent to {@code client} until its window ends (a delivery report to a
     * PBX): the window counts from {@code windowStart}, and {@code attemptsMade} attempts have failed.
     */
    public Instant nextAttempt(
            Instant windowStart,
            int attemptsMade,
            Client client,
            RetryPolicy policy,
            Instant now,
            DoubleSupplier random) {
        Instant deadline = windowStart.plus(client == null ? defaultWindow : of(client));
        if (!now.isBefore(deadline)) {
            return null;
        }
        Duration delay = policy.delayInWindow(attemptsMade, random);
        Instant due = now.plus(delay.compareTo(Dispatcher.MAX_RETRY_DELAY) > 0 ? Dispatcher.MAX_RETRY_DELAY : delay);
        return due.isAfter(deadline) ? deadline : due;
    }

    /** The reason of a message given up: the last failure and why it was the last. */
    String givenUp(String reason, int attempts, Client client) {
        return reason + " (given up after " + attempts + " attempts: delivery window of "
                + describe(client == null ? defaultWindow : of(client)) + " over)";
    }

    /** The window for people: {@code 24 h}, {@code 90 min}, {@code 1500 ms}. */
    static String describe(Duration window) {
        if (window.toMinutesPart() == 0 && window.toSecondsPart() == 0 && window.toMillisPart() == 0) {
            return window.toHours() + " h";
        }
        if (window.toSecondsPart() == 0 && window.toMillisPart() == 0) {
            return window.toMinutes() + " min";
        }
        return window.toMillis() + " ms";
    }
}

package io.gomsggw.core.dispatch;

import io.gomsggw.core.model.Client;
import java.time.Duration;
import java.util.Objects;

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

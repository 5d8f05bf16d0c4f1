package io.gomsggw.server.health;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The listeners of a node, each with a way to ask whether it accepts connections, for
 * {@code /health}. A listener registers itself once it is bound:
 * <pre>{@code
 * listenerStates.register("mm4", mm4Server::isListening);
 * }</pre>
 * Only registered listeners are reported, so one that is not configured (SMPP over TLS without
 * {@code SMPP_TLS_LISTEN}) is absent rather than down. Thread-safe; the suppliers are called on
 * the thread that answers {@code /health} and must not block.
 */
public final class ListenerStates {
    private final Map<String, BooleanSupplier> listeners = new ConcurrentHashMap<>();

    /**
     * Reports the listener {@code name} ({@code http}, {@code smpp}, {@code smpp_tls}, {@code mm4},
     * {@code metrics}) as up while {@code up} says true.
     *
     * @throws IllegalStateException when the name is registered already
     */
    public void register(String name, BooleanSupplier up) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(up, "up");
        if (listeners.putIfAbsent(name, up) != null) {
            throw new IllegalStateException("listener " + name + " is registered already");
        }
    }

    /** Every registered listener by name and whether it is up now; a supplier that throws counts as down. */
    public Map<String, Boolean> snapshot() {
        Map<String, Boolean> states = new TreeMap<>();
        listeners.forEach((name, up) -> {
            boolean state;
            try {
                state = up.getAsBoolean();
            } catch (RuntimeException e) {
                state = false;
            }
            states.put(name, state);
        });
        return states;
    }
}

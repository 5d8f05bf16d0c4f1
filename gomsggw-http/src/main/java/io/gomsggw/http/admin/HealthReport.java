package io.gomsggw.http.admin;

import java.util.Map;
import java.util.Objects;

/**
 * The result of a {@link HealthCheck}. {@code /health} answers 200 only when the gateway is
 * {@code ready}, its database is up and every listener reported is up; a listener that is not
 * configured is left out, not reported down.
 *
 * @param ready      whether the gateway has finished starting and has not begun to stop
 * @param databaseUp whether the database answered and takes writes
 * @param listeners  each listener by name ({@code http}, {@code smpp}, {@code mm4}, …) and whether it is up
 */
public record HealthReport(boolean ready, boolean databaseUp, Map<String, Boolean> listeners) {
    public HealthReport {
        listeners = Map.copyOf(Objects.requireNonNull(listeners, "listeners"));
    }
}

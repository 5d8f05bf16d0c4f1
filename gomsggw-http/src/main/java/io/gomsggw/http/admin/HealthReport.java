package io.gomsggw.http.admin;

import java.util.Map;
import java.util.Objects;

/**
 * The result of a {@link HealthCheck}.
 *
 * @param databaseUp whether the database answered
 * @param listeners  each listener by name ({@code http}, {@code smpp}, {@code mm4}, …) and whether it is up
 */
public record HealthReport(boolean databaseUp, Map<String, Boolean> listeners) {
    public HealthReport {
        listeners = Map.copyOf(Objects.requireNonNull(listeners, "listeners"));
    }
}

package io.gomsggw.server.health;

import io.gomsggw.http.admin.HealthCheck;
import io.gomsggw.http.admin.HealthReport;
import java.util.function.BooleanSupplier;

/**
 * The node's {@link HealthCheck}: whether it has finished starting (and not begun to stop), the
 * {@link DatabaseProbe}, and every registered listener ({@link ListenerStates}).
 */
public final class GatewayHealth implements HealthCheck {
    private final BooleanSupplier serving;
    private final DatabaseProbe database;
    private final ListenerStates listeners;

    public GatewayHealth(BooleanSupplier serving, DatabaseProbe database, ListenerStates listeners) {
        this.serving = serving;
        this.database = database;
        this.listeners = listeners;
    }

    @Override
    public HealthReport check() {
        return new HealthReport(serving.getAsBoolean(), database.isUp(), listeners.snapshot());
    }
}

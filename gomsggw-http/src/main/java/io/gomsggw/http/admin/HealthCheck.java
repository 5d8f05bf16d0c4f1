package io.gomsggw.http.admin;

/**
 * Says whether the gateway can serve: the server module checks the database (a probe it caches for
 * a second, and whether writes succeed) and its listeners. Called for every {@code GET /health} on
 * a worker thread, so it may block briefly; it should not take longer than a load balancer's probe
 * timeout. An exception counts as the database being down.
 */
@FunctionalInterface
public interface HealthCheck {
    HealthReport check();
}

package io.gomsggw.http.webhook;

import io.gomsggw.core.spi.SendOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Caps the webhook requests in flight to one endpoint (scheme, host and port). A request beyond
 * the cap waits in the endpoint's queue, in order, and is sent when one in flight is answered, on
 * one of the connections the HTTP client keeps alive, not on a new one. The queue is bounded: at
 * most {@code maxWaiting} per endpoint, each at most {@code maxWait}; a request beyond either is
 * answered {@link SendOutcome.Retryable} without being sent, and the dispatcher parks it in the
 * store for a later attempt.
 *
 * <p>Threading: thread-safe; nothing blocks. A waiting request whose time is up is answered when
 * the endpoint next frees a place (at the latest after the request timeout of the one in flight).
 */
final class EndpointLimiter {
    private final int maxWaiting;
    private final Duration maxWait;
    private final ConcurrentHashMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    EndpointLimiter(int maxWaiting, Duration maxWait) {
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
    }

    /** Sends {@code request} to {@code uri}'s endpoint now if fewer than {@code limit} are in flight there, else when it is its turn. */
    CompletableFuture<SendOutcome> send(URI uri, int limit, Supplier<CompletableFuture<SendOutcome>> request) {
        String key = key(uri);
        Waiter waiter = new Waiter(request, System.nanoTime() + maxWait.toNanos());
        boolean[] startNow = {false};
        boolean[] refused = {false};
        endpoints.compute(key, (k, endpoint) -> {
            Endpoint e = endpoint == null ? new Endpoint() : endpoint;
            if (e.inFlight < limit) {
                e.inFlight++;
                startNow[0] = true;
            } else if (e.waiting.size() >= maxWaiting) {
                refused[0] = true;
            } else {
                e.waiting.add(waiter);
            }
            return e.inFlight == 0 && e.waiting.isEmpty() ? null : e;
        });
        if (refused[0]) {
            waiter.result.complete(
                    new SendOutcome.Retryable("webhook endpoint busy: " + maxWaiting + " requests wait for " + key));
        } else if (startNow[0]) {
            start(key, waiter);
        }
        return waiter.result;
    }

    /** Requests in flight to the endpoint of {@code uri}. */
    int inFlight(URI uri) {
        Endpoint e = endpoints.get(key(uri));
        return e == null ? 0 : e.inFlight;
    }

    private void start(String key, Waiter waiter) {
        CompletableFuture<SendOutcome> sent;
        try {
            sent = waiter.request.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((outcome, error) -> {
            Waiter next = release(key);
            if (error != null) {
                waiter.result.completeExceptionally(error);
            } else {
                waiter.result.complete(outcome);
            }
            if (next != null) {
                start(key, next);
            }
        });
    }

    /** One request in flight is over: the next waiter still in time takes its place; those out of time are answered. */
    private Waiter release(String key) {
        Waiter[] next = {null};
        ArrayDeque<Waiter> expired = new ArrayDeque<>();
        long now = System.nanoTime();
        endpoints.computeIfPresent(key, (k, e) -> {
            Waiter w;
            while ((w = e.waiting.poll()) != null) {
                if (now - w.deadline > 0) {
                    expired.add(w);
                } else {
                    next[0] = w;
                    break;
                }
            }
            if (next[0] == null) {
                e.inFlight--;
            }
            return e.inFlight == 0 && e.waiting.isEmpty() ? null : e;
        });
        for (Waiter w : expired) {
            w.result.complete(new SendOutcome.Retryable(
                    "waited over " + maxWait.toSeconds() + " s for a free connection to " + key));
        }
        return next[0];
    }

    private static String key(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** Guarded by the map's update of its key. */
    private static final class Endpoint {
        int inFlight;
        final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    }

    private record Waiter(
            Supplier<CompletableFuture<SendOutcome>> request, long deadline, CompletableFuture<SendOutcome> result) {
        Waiter(Supplier<CompletableFuture<SendOutcome>> request, long deadline) {
            this(request, deadline, new CompletableFuture<>());
        }
    }
}

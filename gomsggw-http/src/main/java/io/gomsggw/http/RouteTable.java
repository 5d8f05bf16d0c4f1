package io.gomsggw.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Maps a request's method and path to the {@link Handler} of a {@link Route}. Answers a path no
 * route knows with 404 {@code {"error":"not found"}}, a known path with another method with 405
 * and an {@code Allow} header, and turns handler exceptions into responses through
 * {@link ErrorResponses}.
 *
 * <p>When several templates match a path ({@code /clients/reload} and {@code /clients/{id}}),
 * the one with more literal segments wins.
 *
 * <p>Threading: routes are registered while wiring; {@link #handle} may then be called from any
 * number of threads.
 */
public final class RouteTable {
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final ErrorResponses errors = new ErrorResponses();

    /** Adds a route; a second route for the same method and template is refused. */
    public RouteTable add(Route route) {
        Objects.requireNonNull(route, "route");
        for (Route existing : routes) {
            if (existing.method().equals(route.method()) && existing.template().equals(route.template())) {
                throw new IllegalStateException("route registered twice: " + route);
            }
        }
        routes.add(route);
        return this;
    }

    public RouteTable get(String template, Handler handler) {
        return add(new Route(HttpMethod.GET, template, handler));
    }

    public RouteTable post(String template, Handler handler) {
        return add(new Route(HttpMethod.POST, template, handler));
    }

    public RouteTable put(String template, Handler handler) {
        return add(new Route(HttpMethod.PUT, template, handler));
    }

    public RouteTable patch(String template, Handler handler) {
        return add(new Route(HttpMethod.PATCH, template, handler));
    }

    public RouteTable delete(String template, Handler handler) {
        return add(new Route(HttpMethod.DELETE, template, handler));
    }

    /** The routes registered so far, in registration order. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Answers a request; never throws. */
    public Response handle(Request request) {
        List<String> segments = Paths.segments(request.path());
        List<Route> matching = new ArrayList<>();
        for (Route route : routes) {
            if (route.match(segments) != null) {
                matching.add(route);
            }
        }
        if (matching.isEmpty()) {
            return Response.error(HttpResponseStatus.NOT_FOUND, "not found");
        }
        Route chosen = matching.stream()
                .filter(r -> r.method().equals(request.method()))
                .max(Comparator.comparingInt(Route::literalSegments))
                .orElse(null);
        if (chosen == null) {
            Set<String> allowed = new TreeSet<>();
            matching.forEach(r -> allowed.add(r.method().name()));
            return Response.error(
                            HttpResponseStatus.METHOD_NOT_ALLOWED,
                            "method " + request.method() + " not allowed; use " + String.join(", ", allowed))
                    .withHeader("Allow", String.join(", ", allowed));
        }
        Map<String, String> params = chosen.match(segments);
        try {
            return chosen.handler().handle(request.withPathParams(params));
        } catch (Exception e) {
            return errors.toResponse(request, e);
        }
    }
}

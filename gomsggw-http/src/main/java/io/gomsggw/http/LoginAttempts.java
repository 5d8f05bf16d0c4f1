package io.gomsggw.http;

import io.gomsggw.core.security.LoginThrottle;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one seam through which HTTP authentication reports how login attempts went, per source
 * address, to a {@link LoginThrottle}: web client credentials and API keys today, admin
 * credentials when they are wired to it. A barred source is answered 429 with
 * {@code Retry-After} before its credentials are looked at (so it costs no key lookup or password
 * check). {@link #unthrottled()} does nothing, for embedders and tests without a throttle.
 *
 * <p>Thread-safe and non-blocking.
 */
public final class LoginAttempts {
    /** IPv4 dotted quads and IPv6 text: parsed without any name lookup. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.%]*:[0-9a-fA-F:.%]*");

    private final LoginThrottle throttle;

    private LoginAttempts(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    /** Attempts counted by {@code throttle}. */
    public static LoginAttempts throttledBy(LoginThrottle throttle) {
        return new LoginAttempts(Objects.requireNonNull(throttle, "throttle"));
    }

    /** Attempts not counted at all. */
    public static LoginAttempts unthrottled() {
        return new LoginAttempts(null);
    }

    /** 429 with {@code Retry-After} when the request's source is barred now; empty when it may try. */
    public Optional<Response> barred(Request request) {
        Optional<InetAddress> source = source(request);
        if (throttle == null || source.isEmpty()) {
            return Optional.empty();
        }
        if (throttle.check(source.get()) instanceof LoginThrottle.Verdict.Barred barred) {
            long seconds = Math.max(1, (barred.remaining().toMillis() + 999) / 1000);
            return Optional.of(Response.error(
                            HttpResponseStatus.TOO_MANY_REQUESTS,
                            "too many failed logins from this address, retry later")
                    .withHeader("Retry-After", Long.toString(seconds)));
        }
        return Optional.empty();
    }

    /** The request's credentials (a password, an API key) were wrong. */
    public void failed(Request request) {
        if (throttle != null) {
            source(request).ifPresent(throttle::failed);
        }
    }

    /** The request's credentials were right: the source's failures are forgotten. */
    public void succeeded(Request request) {
        if (throttle != null) {
            source(request).ifPresent(throttle::succeeded);
        }
    }

    private static Optional<InetAddress> source(Request request) {
        String address = request.remoteAddress();
        if (address == null || !IP_LITERAL.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}

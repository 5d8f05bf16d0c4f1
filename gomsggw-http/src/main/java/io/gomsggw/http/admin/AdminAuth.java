package io.gomsggw.http.admin;

import io.gomsggw.http.Credentials;
import io.gomsggw.http.Handler;
import io.gomsggw.http.LoginAttempts;
import io.gomsggw.http.Response;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards admin endpoints with HTTP Basic {@code <any user name>:<API_KEY>}: as in the Go gateway
 * ({@code basicAuthMiddleware} of its web_server.go) only the password is checked, so scripts
 * written for it with any user name keep working. The key is compared as a SHA-256 digest in
 * constant time, so neither its content nor its length leaks through timing. A missing or wrong header gets 401 {@code {"error":"Unauthorized"}} with
 * {@code WWW-Authenticate: Basic realm="gomsggw"}, and counts as a failed login of the source
 * address in {@link LoginAttempts}; a source barred there is answered 429 with {@code Retry-After}
 * before its credentials are looked at. Immutable and thread-safe.
 */
public final class AdminAuth {
    private static final Logger log = LoggerFactory.getLogger(AdminAuth.class);
    private final byte[] expectedDigest;
    private final LoginAttempts attempts;

    /** @param apiKey the admin API key ({@code API_KEY}); must not be empty */
    public AdminAuth(String apiKey) {
        this(apiKey, LoginAttempts.unthrottled());
    }

    /**
     * @param apiKey   the admin API key ({@code API_KEY}); must not be empty
     * @param attempts where failed and successful logins are counted per source address
     */
    public AdminAuth(String apiKey, LoginAttempts attempts) {
        Objects.requireNonNull(apiKey, "apiKey");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        if (apiKey.isEmpty()) {
            throw new IllegalArgumentException("API_KEY must not be empty");
        }
        this.expectedDigest = sha256(apiKey);
    }

    /** {@code handler} behind the admin credentials check. */
    public Handler protect(Handler handler) {
        Objects.requireNonNull(handler, "handler");
        return request -> {
            Optional<Response> barred = attempts.barred(request);
            if (barred.isPresent()) {
                log.warn(
                        "admin authentication refused, source barred remote={} method={} path={}",
                        request.remoteAddress(),
                        request.method(),
                        request.path());
                return barred.get();
            }
            if (!authorized(request.header("Authorization"))) {
                attempts.failed(request);
                log.warn(
                        "admin authentication failed remote={} method={} path={}",
                        request.remoteAddress(),
                        request.method(),
                        request.path());
                return Response.error(HttpResponseStatus.UNAUTHORIZED, "Unauthorized")
                        .withHeader("WWW-Authenticate", "Basic realm=\"gomsggw\"");
            }
            attempts.succeeded(request);
            return handler.handle(request);
        };
    }

    private boolean authorized(String header) {
        return Credentials.fromHeader(header, "Basic")
                .map(c -> MessageDigest.isEqual(expectedDigest, sha256(c.password())))
                .orElse(false);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

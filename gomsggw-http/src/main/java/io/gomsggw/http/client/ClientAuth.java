package io.gomsggw.http.client;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Secret;
import io.gomsggw.http.Credentials;
import io.gomsggw.http.Handler;
import io.gomsggw.http.LoginAttempts;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates web clients on the REST API. The client's {@code auth_method} decides the scheme:
 * {@code basic} takes {@code Authorization: Basic base64(username:password)}, {@code bearer} takes
 * {@code Authorization: Bearer base64(username:password)}; the other scheme is refused. Only
 * clients of type {@code web} may use the API (legacy clients speak SMPP and MM4), as in the Go
 * gateway. Passwords are compared in constant time, and an unknown username costs the same
 * comparison as a known one.
 *
 * <p>Every refusal is 401 {@code {"error":"Unauthorized"}} with a {@code WWW-Authenticate}
 * challenge, whatever the reason, so a caller cannot probe for usernames; the reason is logged.
 * Each refusal counts as a failed login of the source address in {@link LoginAttempts}, and a
 * source barred there is answered 429 with {@code Retry-After} before its credentials are looked at.
 *
 * <p>Lookups read the live {@link Directory}, so a new password or client takes effect at once.
 * Immutable and thread-safe.
 */
public final class ClientAuth {
    /** Answers a request on behalf of an authenticated client. */
    @FunctionalInterface
    public interface ClientHandler {
        /** Answers {@code request}, made by {@code client}; throws to refuse, like a {@link Handler}. */
        Response handle(Request request, Client client) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(ClientAuth.class);
    private static final Secret NO_PASSWORD = Secret.of("\u0000 no client has this password \u0000");

    private final Directory directory;
    private final LoginAttempts attempts;

    /** Client credentials without a login throttle. */
    public ClientAuth(Directory directory) {
        this(directory, LoginAttempts.unthrottled());
    }

    /**
     * @param directory the live clients
     * @param attempts  where failed and successful logins are counted per source address
     */
    public ClientAuth(Directory directory, LoginAttempts attempts) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
    }

    /** {@code handler} behind the web client credentials check. */
    public Handler protect(ClientHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return request -> {
            Optional<Response> barred = attempts.barred(request);
            if (barred.isPresent()) {
                log.warn("web client authentication refused, source barred remote={} method={} path={}",
                        request.remoteAddress(), request.method(), request.path());
                return barred.get();
            }
            Optional<Client> client = authenticate(request);
            if (client.isEmpty()) {
                attempts.failed(request);
                return Response.error(HttpResponseStatus.UNAUTHORIZED, "Unauthorized")
                        .withHeader("WWW-Authenticate", "Basic realm=\"gomsggw\", Bearer realm=\"gomsggw\"");
            }
            attempts.succeeded(request);
            return handler.handle(request, client.get());
        };
    }

    private Optional<Client> authenticate(Request request) {
        String header = request.header("Authorization");
        Optional<Credentials> basic = Credentials.fromHeader(header, "Basic");
        Optional<Credentials> credentials = basic.isPresent() ? basic : Credentials.fromHeader(header, "Bearer");
        if (credentials.isEmpty()) {
            return refused(request, null, header == null ? "no credentials" : "malformed Authorization header");
        }
        AuthMethod scheme = basic.isPresent() ? AuthMethod.BASIC : AuthMethod.BEARER;
        String username = credentials.get().username();
        Optional<Client> client = directory.clientByUsername(username);
        Secret expected = client.map(Client::password).orElse(NO_PASSWORD);
        boolean passwordMatches = expected.matches(credentials.get().password());
        if (client.isEmpty()) {
            return refused(request, username, "unknown username");
        }
        if (!passwordMatches) {
            return refused(request, username, "wrong password");
        }
        if (client.get().type() != ClientType.WEB) {
            return refused(request, username, "not a web client");
        }
        if (client.get().settings().authMethod() != scheme) {
            return refused(request, username, "client authenticates with "
                    + client.get().settings().authMethod().wireName() + ", not " + scheme.wireName());
        }
        return client;
    }

    private static Optional<Client> refused(Request request, String username, String reason) {
        log.warn("web client authentication failed remote={} username={} method={} path={} reason=\"{}\"",
                request.remoteAddress(), username, request.method(), request.path(), reason);
        return Optional.empty();
    }
}

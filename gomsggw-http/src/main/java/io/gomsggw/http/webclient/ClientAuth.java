package io.gomsggw.http.webclient;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.apikey.ApiKey;
import io.gomsggw.core.apikey.ApiKeyRateLimiter;
import io.gomsggw.core.apikey.ApiKeyScope;
import io.gomsggw.core.apikey.ApiKeys;
import io.gomsggw.core.apikey.KeyLookup;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates web clients on the REST API, by their credentials or by a tenant API key.
 *
 * <p><b>Credentials.</b> The client's {@code auth_method} decides the scheme: {@code basic} takes
 * {@code Authorization: Basic base64(username:password)}, {@code bearer} takes
 * {@code Authorization: Bearer base64(username:password)}. Passwords are compared in constant
 * time, and an unknown username costs the same comparison as a known one. Credentials may do
 * everything. With the right password, two refusals are the Go gateway's ({@code clientAuthMiddleware}
 * of its web_server.go), since they reveal nothing to a caller who knows the password: a client
 * not of type {@code web} (legacy clients speak SMPP and MM4) gets 403
 * {@code {"status":"error","message":"Legacy clients must use SMPP protocol, not REST API"}}, and
 * the other scheme than the client's {@code auth_method} gets 401
 * {@code {"error":"Unauthorized","status":"error","message":"Client requires basic authentication"}}.
 *
 * <p><b>API keys.</b> {@code Authorization: Bearer gw_live_…} is looked up through {@link ApiKeys}
 * (from memory; see there). A valid key acts for its client, within its scopes (a missing scope is
 * 403 {@code {"error":"API key does not have 'batch' scope"}}, the Go gateway's answer) and its
 * requests per minute (429 with {@code Retry-After} beyond). Which numbers it may send from is
 * checked by the routes that send.
 *
 * <p>Every other refusal of the credentials or the key is 401 {@code {"error":"Unauthorized"}} with a
 * {@code WWW-Authenticate} challenge, whatever the reason, so a caller cannot probe for usernames
 * or keys; the reason is logged (a key by its prefix only, never whole). Each refusal of
 * credentials or a key that were sent counts as a failed login of the source address in
 * {@link LoginAttempts}, and a source barred there is answered 429 with {@code Retry-After} before anything is looked up.
 *
 * <p>Lookups read the live {@link Directory}, so a new password or client takes effect at once.
 * Immutable and thread-safe.
 */
public final class ClientAuth {
    /** Answers a request on behalf of an authenticated caller. */
    @FunctionalInterface
    public interface CallerHandler {
        /** Answers {@code request}, made by {@code caller}; throws to refuse, like a {@link Handler}. */
        Response handle(Request request, Caller caller) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(ClientAuth.class);
    private static final Secret NO_PASSWORD = Secret.of("\u0000 no client has this password \u0000");
    private static final String BEARER = "Bearer ";

    /** API keys and their rate limits, together or not at all. */
    private record KeyAuth(ApiKeys keys, ApiKeyRateLimiter rates) {}

    private final Directory directory;
    private final Optional<KeyAuth> keys;
    private final LoginAttempts attempts;

    /** Client credentials without API keys or a login throttle. */
    public ClientAuth(Directory directory) {
        this(directory, LoginAttempts.unthrottled());
    }

    /**
     * @param directory the live clients
     * @param attempts  where failed and successful logins are counted per source address
     */
    public ClientAuth(Directory directory, LoginAttempts attempts) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.keys = Optional.empty();
        this.attempts = Objects.requireNonNull(attempts, "attempts");
    }

    /**
     * @param directory the live clients
     * @param keys      the tenant API keys
     * @param rates     the per-key requests-per-minute limits
     * @param attempts  where failed and successful logins are counted per source address
     */
    public ClientAuth(Directory directory, ApiKeys keys, ApiKeyRateLimiter rates, LoginAttempts attempts) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.keys =
                Optional.of(new KeyAuth(Objects.requireNonNull(keys, "keys"), Objects.requireNonNull(rates, "rates")));
        this.attempts = Objects.requireNonNull(attempts, "attempts");
    }

    /** {@code handler} behind authentication; an API key must have {@code scope}. */
    public Handler protect(ApiKeyScope scope, CallerHandler handler) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(handler, "handler");
        return request -> {
            Optional<Response> barred = attempts.barred(request);
            if (barred.isPresent()) {
                log.warn(
                        "web client authentication refused, source barred remote={} method={} path={}",
                        request.remoteAddress(),
                        request.method(),
                        request.path());
                return barred.get();
            }
            String header = request.header("Authorization");
            Optional<Caller> caller = isApiKey(header)
                    ? byKey(request, header.substring(BEARER.length()).strip())
                    : byCredentials(request, header);
            if (caller.isEmpty()) {
                if (header != null) {
                    // A request without credentials is no guess at them: only wrong ones count.
                    attempts.failed(request);
                }
                return Response.error(HttpResponseStatus.UNAUTHORIZED, "Unauthorized")
                        .withHeader("WWW-Authenticate", "Basic realm=\"gomsggw\", Bearer realm=\"gomsggw\"");
            }
            attempts.succeeded(request);
            Optional<Response> forbidden = caller.get().apiKey().isPresent()
                    ? Optional.empty()
                    : credentialRefusal(request, caller.get().client(), header);
            if (forbidden.isPresent()) {
                return forbidden.get();
            }
            if (caller.get().apiKey().isPresent()) {
                Optional<Response> refused =
                        keyRefusal(request, caller.get().apiKey().get(), scope);
                if (refused.isPresent()) {
                    return refused.get();
                }
            }
            return handler.handle(request, caller.get());
        };
    }

    private static boolean isApiKey(String header) {
        return header != null
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && header.substring(BEARER.length()).strip().startsWith(ApiKeys.KEY_PREFIX);
    }

    private Optional<Caller> byKey(Request request, String rawKey) {
        if (keys.isEmpty()) {
            return refused(request, null, "API keys are not enabled");
        }
        KeyLookup lookup = keys.get().keys().authenticate(rawKey);
        if (lookup instanceof KeyLookup.Invalid invalid) {
            return refused(request, null, invalid.reason());
        }
        ApiKey key = ((KeyLookup.Valid) lookup).key();
        Optional<Client> client = directory.client(key.clientId()).filter(c -> c.type() == ClientType.WEB);
        if (client.isEmpty()) {
            return refused(request, null, "API key " + key.keyPrefix() + " of a client that is not a web client");
        }
        return Optional.of(new Caller(client.get(), Optional.of(key)));
    }

    private Optional<Response> keyRefusal(Request request, ApiKey key, ApiKeyScope scope) {
        if (!key.hasScope(scope)) {
            log.info(
                    "api key lacks scope client_id={} key_prefix={} scope={} path={}",
                    key.clientId(),
                    key.keyPrefix(),
                    scope.wireName(),
                    request.path());
            return Optional.of(Response.error(
                    HttpResponseStatus.FORBIDDEN, "API key does not have '" + scope.wireName() + "' scope"));
        }
        Optional<Duration> wait = keys.orElseThrow().rates().acquire(key);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            log.info(
                    "api key rate limited client_id={} key_prefix={} rate_limit={} retry_after_s={}",
                    key.clientId(),
                    key.keyPrefix(),
                    key.rateLimitPerMinute(),
                    seconds);
            return Optional.of(Response.error(
                            HttpResponseStatus.TOO_MANY_REQUESTS,
                            "API key rate limit exceeded (" + key.rateLimitPerMinute() + " requests per minute)")
                    .withHeader("Retry-After", Long.toString(seconds)));
        }
        return Optional.empty();
    }

    private Optional<Caller> byCredentials(Request request, String header) {
        Optional<Credentials> basic = Credentials.fromHeader(header, "Basic");
        Optional<Credentials> credentials = basic.isPresent() ? basic : Credentials.fromHeader(header, "Bearer");
        if (credentials.isEmpty()) {
            return refused(request, null, header == null ? "no credentials" : "malformed Authorization header");
        }
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
        return client.map(Caller::of);
    }

    /** The Go gateway's refusal of a client that gave its right password, if any (see above). */
    private static Optional<Response> credentialRefusal(Request request, Client client, String header) {
        if (client.type() != ClientType.WEB) {
            log.warn(
                    "web client authentication refused remote={} username={} method={} path={} reason=\"{}\"",
                    request.remoteAddress(),
                    client.username(),
                    request.method(),
                    request.path(),
                    "not a web client");
            return Optional.of(Response.json(
                    HttpResponseStatus.FORBIDDEN,
                    "{\"status\":\"error\",\"message\":\"Legacy clients must use SMPP protocol, not REST API\"}"
                            .getBytes(StandardCharsets.UTF_8)));
        }
        AuthMethod scheme = Credentials.fromHeader(header, "Basic").isPresent() ? AuthMethod.BASIC : AuthMethod.BEARER;
        AuthMethod expected = client.settings().authMethod();
        if (expected != scheme) {
            log.warn(
                    "web client authentication refused remote={} username={} method={} path={} reason=\"{}\"",
                    request.remoteAddress(),
                    client.username(),
                    request.method(),
                    request.path(),
                    "client authenticates with " + expected.wireName() + ", not " + scheme.wireName());
            String body = "{\"error\":\"Unauthorized\",\"status\":\"error\",\"message\":\"Client requires "
                    + expected.wireName() + " authentication\"}";
            return Optional.of(Response.json(HttpResponseStatus.UNAUTHORIZED, body.getBytes(StandardCharsets.UTF_8))
                    .withHeader("WWW-Authenticate", "Basic realm=\"gomsggw\", Bearer realm=\"gomsggw\""));
        }
        return Optional.empty();
    }

    private static Optional<Caller> refused(Request request, String username, String reason) {
        log.warn(
                "web client authentication failed remote={} username={} method={} path={} reason=\"{}\"",
                request.remoteAddress(),
                username,
                request.method(),
                request.path(),
                reason);
        return Optional.empty();
    }
}

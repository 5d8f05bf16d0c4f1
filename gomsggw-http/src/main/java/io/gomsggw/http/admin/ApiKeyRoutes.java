package io.gomsggw.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.apikey.ApiKey;
import io.gomsggw.core.apikey.ApiKeyScope;
import io.gomsggw.core.apikey.ApiKeys;
import io.gomsggw.core.apikey.CreatedApiKey;
import io.gomsggw.core.apikey.NewApiKey;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.http.HttpStatusException;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.JsonFields;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tenant API keys of a client, for the admin, with the Go gateway's shapes:
 * <ul>
 *   <li>{@code POST /clients/{id}/api-keys} {@code {name, scopes, rate_limit, expires_in_days,
 *       allowed_number_ids}} → 201 with the raw {@code key}, shown this once; {@code scopes} is
 *       {@code "send,batch,usage"} (the default) or, new, an array; {@code expires_at} (RFC 3339)
 *       is accepted instead of {@code expires_in_days};
 *   <li>{@code GET /clients/{id}/api-keys} → every key without its secret (prefix, name, scopes,
 *       numbers, rate, expiry, {@code last_used_at}, {@code active});
 *   <li>{@code DELETE /clients/{id}/api-keys/{key_id}} → 200 {@code {"message":"API key revoked","key_id":…}},
 *       effective from the next request.
 * </ul>
 */
public final class ApiKeyRoutes {
    private final ApiKeys keys;
    private final Directory directory;
    private final AdminAuth auth;
    private final JsonCodec json;
    private final Clock clock;

    /** A key as listed: never its hash or the key itself. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyView(
            long id,
            long clientId,
            String name,
            String keyPrefix,
            String scopes,
            int rateLimit,
            boolean active,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant createdAt,
            List<NumberView> allowedNumbers) {}

    /** A new key: the raw {@code key} first, as the Go gateway answers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreatedView(
            String key,
            long id,
            long clientId,
            String name,
            String keyPrefix,
            String scopes,
            int rateLimit,
            boolean active,
            Instant expiresAt,
            List<NumberView> allowedNumbers,
            Instant createdAt) {}

    /** {@code number} is left out when the number no longer exists (the key still may not use another). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NumberView(long numberId, String number) {}

    record Revoked(String message, long keyId) {}

    /**
     * @param keys      the API keys
     * @param directory the live numbers, to show the allowed numbers
     * @param auth      admin credentials
     * @param json      the JSON codec
     * @param clock     for {@code expires_in_days}
     */
    public ApiKeyRoutes(ApiKeys keys, Directory directory, AdminAuth auth, JsonCodec json, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(RouteTable router) {
        router.post("/clients/{id}/api-keys", auth.protect(this::create));
        router.get("/clients/{id}/api-keys", auth.protect(this::list));
        router.delete("/clients/{id}/api-keys/{key_id}", auth.protect(this::revoke));
    }

    private Response create(Request request) throws Exception {
        long clientId = request.idParam("id");
        JsonFields body = json.readObject(request);
        NewApiKey key = new NewApiKey(body.text("name"), scopes(body), rateLimit(body), expiry(body), numberIds(body));
        CreatedApiKey created = keys.create(clientId, key);
        ApiKey stored = created.key();
        return json.created(new CreatedView(
                created.rawKey(),
                stored.id(),
                stored.clientId(),
                stored.name(),
                stored.keyPrefix(),
                ApiKeyScope.join(stored.scopes()),
                stored.rateLimitPerMinute(),
                stored.active(),
                stored.expiresAt(),
                numbers(stored),
                stored.createdAt()));
    }

    private Response list(Request request) {
        return json.ok(keys.list(request.idParam("id")).stream()
                .map(k -> new KeyView(
                        k.id(),
                        k.clientId(),
                        k.name(),
                        k.keyPrefix(),
                        ApiKeyScope.join(k.scopes()),
                        k.rateLimitPerMinute(),
                        k.active(),
                        k.expiresAt(),
                        k.lastUsedAt(),
                        k.createdAt(),
                        numbers(k)))
                .toList());
    }

    private Response revoke(Request request) {
        long keyId = request.idParam("key_id");
        keys.revoke(request.idParam("id"), keyId);
        return json.ok(new Revoked("API key revoked", keyId));
    }

    private List<NumberView> numbers(ApiKey key) {
        return key.allowedNumberIds().stream()
                .sorted()
                .map(id -> new NumberView(
                        id,
                        directory.numbersOf(key.clientId()).stream()
                                .filter(n -> n.id() == id)
                                .map(ClientNumber::number)
                                .findFirst()
                                .orElse(null)))
                .toList();
    }

    private static Set<ApiKeyScope> scopes(JsonFields body) {
        List<String> names;
        try {
            String joined = body.text("scopes");
            names = joined == null ? List.of() : List.of(joined.split(","));
        } catch (HttpStatusException notText) {
            names = body.texts("scopes");
        }
        Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
        for (String name : names) {
            if (name.isBlank()) continue;
            scopes.add(ApiKeyScope.fromWire(name)
                    .orElseThrow(() -> HttpStatusException.invalidField(
                            "scopes", "unknown scope '" + name.strip() + "'; expected send, batch, usage")));
        }
        return scopes.isEmpty() ? ApiKeyScope.ALL : scopes;
    }

    private static int rateLimit(JsonFields body) {
        Integer rate = body.integer("rate_limit");
        return rate == null ? 0 : rate;
    }

    private Instant expiry(JsonFields body) {
        String at = body.text("expires_at");
        if (at != null && !at.isBlank()) {
            try {
                return OffsetDateTime.parse(at.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw HttpStatusException.invalidField(
                        "expires_at", "expected an instant such as 2026-06-01T00:00:00Z");
            }
        }
        Integer days = body.integer("expires_in_days");
        if (days == null || days == 0) {
            return null;
        }
        if (days < 0) {
            throw HttpStatusException.invalidField("expires_in_days", "expected 0 (never) or more days");
        }
        return clock.instant().plus(Duration.ofDays(days));
    }

    private static Set<Long> numberIds(JsonFields body) {
        return new LinkedHashSet<>(body.longs("allowed_number_ids"));
    }
}

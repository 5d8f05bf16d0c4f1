package io.gomsggw.core.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.admin.InvalidFieldException;
import io.gomsggw.core.admin.NotFoundException;
import io.gomsggw.core.crypto.Hashes;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.ClientType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenant API keys: made ({@code gw_live_} and 64 hex digits from {@link SecureRandom}, stored as
 * the SHA-256 hex digest with the first 16 characters as prefix, as the Go gateway does), listed,
 * revoked, and looked up for every request that carries one.
 *
 * <p><b>No database round trip per request.</b> {@link #authenticate} hashes the key and reads a
 * Caffeine cache by digest. A found key stays cached for {@link Settings#cacheFor}; a digest that
 * matches no key is remembered for {@link Settings#unknownFor} in a separate, smaller cache, so a
 * stream of random keys costs one lookup each at most and cannot evict the valid keys; text that
 * is not shaped like a key is refused before any lookup. Revoking a key drops it from the cache at
 * once; making one forgets a remembered miss of its digest. {@link #invalidateKey} and
 * {@link #invalidateAll} are the hooks another node's change can call (the cluster work wires
 * them; on one node the admin API calls them).
 *
 * <p>The numbers a key may use are kept as number ids and resolved against the live
 * {@link Directory} on each request, so a number edited, moved or removed takes effect at once;
 * a removed number stays in the key's list and matches nothing, so a restricted key never
 * becomes unrestricted. A key whose client was deleted is refused.
 *
 * <p><b>{@code last_used_at}</b> is noted in memory by {@link #authenticate} and written by
 * {@link #flushLastUsed}, which the owner calls every {@link Settings#lastUsedInterval}: one
 * write per key per interval at most, not one per request.
 *
 * <p>The raw key is never stored and never logged: logs name the key by id and prefix.
 *
 * <p>Threading: thread-safe. {@link #authenticate} blocks on the store only on a cache miss;
 * {@link #create}, {@link #list}, {@link #revoke} and {@link #flushLastUsed} block on the store.
 */
public final class ApiKeys {
    /** The start of every key. */
    public static final String KEY_PREFIX = "gw_live_";
    /** Random bytes in a key (64 hex digits). */
    private static final int RANDOM_BYTES = 32;
    /** Characters of the key kept as its prefix: {@code gw_live_} and 8 hex digits. */
    private static final int PREFIX_LENGTH = KEY_PREFIX.length() + 8;

    private static final Pattern KEY_SHAPE = Pattern.compile("gw_live_[0-9a-f]{64}");
    /** The most requests per minute a key may be given. */
    public static final int MAX_RATE_LIMIT = 1_000_000;

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    /**
     * @param cacheFor         how long a found key is served from memory before it is read again
     *                         (catches edits made directly in the database)
     * @param unknownFor       how long a digest that matched nothing is remembered
     * @param maxCached        most keys kept in memory
     * @param maxUnknown       most unknown digests remembered
     * @param lastUsedInterval how often {@code last_used_at} is written, at most, per key
     */
    public record Settings(
            Duration cacheFor, Duration unknownFor, int maxCached, int maxUnknown, Duration lastUsedInterval) {
        public static final Settings DEFAULTS =
                new Settings(Duration.ofMinutes(10), Duration.ofSeconds(30), 100_000, 10_000, Duration.ofSeconds(60));

        public Settings {
            if (cacheFor.isNegative()
                    || unknownFor.isNegative()
                    || maxCached < 1
                    || maxUnknown < 1
                    || lastUsedInterval.isNegative()
                    || lastUsedInterval.isZero()) {
                throw new IllegalArgumentException("invalid API key cache settings");
            }
        }
    }

    private final ApiKeyStore store;
    private final Directory directory;
    private final Clock clock;
    private final SecureRandom random;
    private final Settings settings;
    private final Cache<String, ApiKey> known;
    private final Cache<String, Boolean> unknown;
    /** Keys used since the last flush, with the instant of their latest use. */
    private final Map<Long, Instant> usedSinceFlush = new ConcurrentHashMap<>();

    public ApiKeys(ApiKeyStore store, Directory directory, Clock clock, SecureRandom random, Settings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.known = Caffeine.newBuilder()
                .maximumSize(settings.maxCached())
                .expireAfterWrite(settings.cacheFor())
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
        this.unknown = Caffeine.newBuilder()
                .maximumSize(settings.maxUnknown())
                .expireAfterWrite(settings.unknownFor())
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    /** The interval at which the owner should call {@link #flushLastUsed}. */
    public Duration lastUsedInterval() {
        return settings.lastUsedInterval();
    }

    /**
     * Makes a key for a web client. The raw key is in the answer and nowhere else.
     *
     * @throws NotFoundException     when the client does not exist
     * @throws InvalidFieldException for a legacy client, no scopes, a negative or huge rate limit,
     *                               an expiry in the past, or a number id that is not the client's
     */
    public CreatedApiKey create(long clientId, NewApiKey request) {
        Client client = directory
                .client(clientId)
                .orElseThrow(() -> new NotFoundException("client " + clientId + " not found"));
        if (client.type() != ClientType.WEB) {
            throw InvalidFieldException.invalid(
                    "client", "API keys are for web clients; client " + clientId + " is a legacy client");
        }
        if (request.scopes().isEmpty()) {
            throw InvalidFieldException.invalid("scopes", "at least one of send, batch, usage");
        }
        if (request.rateLimitPerMinute() < 0 || request.rateLimitPerMinute() > MAX_RATE_LIMIT) {
            throw InvalidFieldException.invalid(
                    "rate_limit", "expected 0 (none) to " + MAX_RATE_LIMIT + " requests per minute");
        }
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw InvalidFieldException.invalid("expires_at", "must be in the future");
        }
        Set<Long> owned =
                directory.numbersOf(clientId).stream().map(ClientNumber::id).collect(Collectors.toSet());
        for (Long numberId : request.allowedNumberIds()) {
            if (!owned.contains(numberId)) {
                throw InvalidFieldException.invalid(
                        "allowed_number_ids", "number " + numberId + " is not a number of client " + clientId);
            }
        }
        String rawKey = generate();
        String hash = hash(rawKey);
        ApiKey key = store.create(clientId, request, hash, rawKey.substring(0, PREFIX_LENGTH), now);
        unknown.invalidate(hash);
        log.info(
                "api key created client={} key_id={} key_prefix={} scopes={} rate_limit={} numbers={}",
                clientId,
                key.id(),
                key.keyPrefix(),
                ApiKeyScope.join(key.scopes()),
                key.rateLimitPerMinute(),
                key.allowedNumberIds().size());
        return new CreatedApiKey(rawKey, key);
    }

    /** Every key of a client, revoked ones too. @throws NotFoundException when the client does not exist */
    public List<ApiKey> list(long clientId) {
        requireClient(clientId);
        Map<Long, Instant> used = Map.copyOf(usedSinceFlush);
        return store.listByClient(clientId).stream()
                .map(k -> used.containsKey(k.id()) ? k.withLastUsedAt(used.get(k.id())) : k)
                .toList();
    }

    /**
     * Revokes a key; it is refused from the next request on. Revoking a revoked key again is
     * allowed and changes nothing.
     *
     * @throws NotFoundException when the client or the key (under that client) does not exist
     */
    public void revoke(long clientId, long keyId) {
        requireClient(clientId);
        if (!store.revoke(clientId, keyId)) {
            throw new NotFoundException("API key " + keyId + " not found");
        }
        invalidateKey(keyId);
        log.info("api key revoked client={} key_id={}", clientId, keyId);
    }

    /**
     * The key {@code rawKey} names, if it is valid now. Reads the cache; the store only on a miss.
     * Notes the use for {@code last_used_at}.
     */
    public KeyLookup authenticate(String rawKey) {
        if (rawKey == null || !KEY_SHAPE.matcher(rawKey).matches()) {
            return new KeyLookup.Invalid("not an API key");
        }
        String hash = hash(rawKey);
        ApiKey key = known.getIfPresent(hash);
        if (key == null) {
            if (unknown.getIfPresent(hash) != null) {
                return new KeyLookup.Invalid("unknown API key");
            }
            Optional<ApiKey> stored = store.findByHash(hash);
            if (stored.isEmpty()) {
                unknown.put(hash, Boolean.TRUE);
                return new KeyLookup.Invalid("unknown API key");
            }
            key = stored.get();
            known.put(hash, key);
        }
        Instant now = clock.instant();
        if (!key.active()) {
            return new KeyLookup.Invalid("API key " + key.keyPrefix() + " is revoked");
        }
        if (key.isExpiredAt(now)) {
            return new KeyLookup.Invalid("API key " + key.keyPrefix() + " expired at " + key.expiresAt());
        }
        if (directory.client(key.clientId()).isEmpty()) {
            return new KeyLookup.Invalid("API key " + key.keyPrefix() + " belongs to a deleted client");
        }
        usedSinceFlush.put(key.id(), now);
        return new KeyLookup.Valid(key);
    }

    /** Forgets the cached copy of a key (revoked or changed here or on another node). */
    public void invalidateKey(long keyId) {
        known.asMap().values().removeIf(k -> k.id() == keyId);
    }

    /** Forgets every cached key and every remembered miss (e.g. after edits made in the database). */
    public void invalidateAll() {
        known.invalidateAll();
        unknown.invalidateAll();
    }

    /**
     * Writes the {@code last_used_at} of the keys used since the last call, in one transaction.
     * A failed write is logged and the uses are kept for the next call. Returns how many keys were written.
     */
    public int flushLastUsed() {
        if (usedSinceFlush.isEmpty()) {
            return 0;
        }
        Map<Long, Instant> taken = Map.copyOf(usedSinceFlush);
        taken.forEach(usedSinceFlush::remove);
        try {
            store.touchAll(taken);
            return taken.size();
        } catch (RuntimeException e) {
            taken.forEach((id, at) -> usedSinceFlush.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
            log.warn("api key last_used_at not written keys={} error={}", taken.size(), e.toString());
            return 0;
        }
    }

    private void requireClient(long clientId) {
        if (directory.client(clientId).isEmpty()) {
            throw new NotFoundException("client " + clientId + " not found");
        }
    }

    private String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return KEY_PREFIX + HexFormat.of().formatHex(bytes);
    }

    /** The SHA-256 hex digest of a raw key, as stored. */
    public static String hash(String rawKey) {
        return Hashes.sha256Hex(rawKey);
    }
}

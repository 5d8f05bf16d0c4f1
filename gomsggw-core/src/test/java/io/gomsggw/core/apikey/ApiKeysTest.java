package io.gomsggw.core.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.admin.InvalidFieldException;
import io.gomsggw.core.admin.NotFoundException;
import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.MutableClock;
import io.gomsggw.core.testing.TestDatabases;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final DataSource dataSource = TestDatabases.h2InMemory();
    private final JdbiStores stores = new JdbiStores(dataSource, SecretCipher.fromKeyString("k"), clock);
    private final CountingStore store = new CountingStore(stores.apiKeys());
    private final Directory directory =
            new Directory(stores.clients(), stores.numbers(), stores.carriers(), stores.failovers(), clock);
    private final ApiKeys keys = new ApiKeys(store, directory, clock, new SecureRandom(), ApiKeys.Settings.DEFAULTS);
    private final Client shop = client("shop", ClientType.WEB);
    private final ClientNumber first = number(shop, "+12505550101");
    private final ClientNumber second = number(shop, "+12505550102");

    private Client client(String name, ClientType type) {
        Client client = stores.clients()
                .create(new Client(
                        0,
                        name,
                        Secret.of("pw"),
                        null,
                        type,
                        type == ClientType.LEGACY ? "127.0.0.1" : null,
                        ZoneId.of("UTC"),
                        false,
                        ClientSettings.DEFAULTS));
        directory.reload();
        return client;
    }

    private ClientNumber number(Client owner, String e164) {
        ClientNumber number = stores.numbers()
                .add(new ClientNumber(0, owner.id(), e164, null, null, null, null, false, NumberSettings.DEFAULTS));
        directory.reload();
        return number;
    }

    private CreatedApiKey create(NewApiKey request) {
        return keys.create(shop.id(), request);
    }

    private static NewApiKey allScopes() {
        return new NewApiKey("app", ApiKeyScope.ALL, 0, null, Set.of());
    }

    private ApiKey valid(String rawKey) {
        KeyLookup lookup = keys.authenticate(rawKey);
        assertThat(lookup).isInstanceOf(KeyLookup.Valid.class);
        return ((KeyLookup.Valid) lookup).key();
    }

    @Test
    void aNewKeyIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
        CreatedApiKey created =
                create(new NewApiKey("CSV import", Set.of(ApiKeyScope.BATCH), 30, null, Set.of(first.id())));

        assertThat(created.rawKey()).matches("gw_live_[0-9a-f]{64}");
        assertThat(created.key().keyPrefix()).isEqualTo(created.rawKey().substring(0, 16));
        assertThat(created.toString()).doesNotContain(created.rawKey().substring(16));
        assertThat(create(allScopes()).rawKey()).isNotEqualTo(created.rawKey());
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM api_keys")) {
            List<String> everything = new ArrayList<>();
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    everything.add(String.valueOf(rows.getObject(column)));
                }
            }
            assertThat(everything)
                    .contains(ApiKeys.hash(created.rawKey()))
                    .noneMatch(value -> value.contains(created.rawKey().substring(16)));
        }
    }

    @Test
    void aKnownKeyIsAnsweredFromMemory() {
        String raw = create(allScopes()).rawKey();

        for (int i = 0; i < 100; i++) {
            valid(raw);
        }

        assertThat(store.findByHash.get()).isEqualTo(1);
    }

    @Test
    void anUnknownKeyCostsOneLookupUntilItIsForgotten() {
        String unknown = "gw_live_" + "0".repeat(64);

        for (int i = 0; i < 50; i++) {
            assertThat(keys.authenticate(unknown)).isInstanceOf(KeyLookup.Invalid.class);
        }
        assertThat(store.findByHash.get()).isEqualTo(1);
        clock.advance(ApiKeys.Settings.DEFAULTS.unknownFor());
        keys.authenticate(unknown);
        assertThat(store.findByHash.get()).isEqualTo(2);

        assertThat(keys.authenticate("gw_live_short")).isEqualTo(new KeyLookup.Invalid("not an API key"));
        assertThat(keys.authenticate("Basic dXNlcjpwdw==")).isInstanceOf(KeyLookup.Invalid.class);
        assertThat(store.findByHash.get())
                .as("malformed keys are never looked up")
                .isEqualTo(2);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        CreatedApiKey created = create(allScopes());
        valid(created.rawKey());

        keys.revoke(shop.id(), created.key().id());

        assertThat(keys.authenticate(created.rawKey())).isInstanceOf(KeyLookup.Invalid.class);
        assertThat(keys.list(shop.id()))
                .singleElement()
                .satisfies(k -> assertThat(k.active()).isFalse());
        assertThatThrownBy(() -> keys.revoke(shop.id(), 424242)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> keys.revoke(
                        client("other", ClientType.WEB).id(), created.key().id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void invalidatingTheCacheCostsOneLookupPerKey() {
        String raw = create(allScopes()).rawKey();
        valid(raw);

        keys.invalidateAll();
        valid(raw);
        valid(raw);

        assertThat(store.findByHash.get()).isEqualTo(2);
    }

    @Test
    void aKeyExpiresOnTime() {
        CreatedApiKey created =
                create(new NewApiKey("app", ApiKeyScope.ALL, 0, clock.instant().plus(Duration.ofDays(1)), Set.of()));
        valid(created.rawKey());

        clock.advance(Duration.ofDays(1).minusMillis(1));
        valid(created.rawKey());
        clock.advance(Duration.ofMillis(1));

        assertThat(keys.authenticate(created.rawKey())).isInstanceOf(KeyLookup.Invalid.class);
    }

    @Test
    void aKeyOfADeletedClientIsRefusedEvenFromTheCache() {
        String raw = create(allScopes()).rawKey();
        valid(raw);

        stores.clients().delete(shop.id());
        directory.reload();

        assertThat(keys.authenticate(raw)).isInstanceOf(KeyLookup.Invalid.class);
    }

    @Test
    void numbersAreCheckedAgainstTheLiveDirectory() {
        ApiKey key = create(new NewApiKey("one number", ApiKeyScope.ALL, 0, null, Set.of(first.id())))
                .key();

        assertThat(key.mayUse(first)).isTrue();
        assertThat(key.mayUse(second)).isFalse();
        assertThat(create(allScopes()).key().mayUse(second)).isTrue();
        ClientNumber foreign = number(client("other", ClientType.WEB), "+12505550199");
        assertThat(create(allScopes()).key().mayUse(foreign)).isFalse();
    }

    @Test
    void refusesWhatCannotBeAKey() {
        assertThatThrownBy(() -> create(new NewApiKey("x", Set.of(), 0, null, Set.of())))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("scopes"));
        assertThatThrownBy(() -> create(new NewApiKey("x", ApiKeyScope.ALL, -1, null, Set.of())))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("rate_limit"));
        assertThatThrownBy(() -> create(new NewApiKey("x", ApiKeyScope.ALL, 0, clock.instant(), Set.of())))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("expires_at"));
        long foreign = number(client("other", ClientType.WEB), "+12505550199").id();
        assertThatThrownBy(() -> create(new NewApiKey("x", ApiKeyScope.ALL, 0, null, Set.of(foreign))))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("allowed_number_ids"));
        assertThatThrownBy(() -> keys.create(client("pbx", ClientType.LEGACY).id(), allScopes()))
                .isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> keys.create(424242, allScopes())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void lastUseIsWrittenOncePerFlushNotPerRequest() {
        CreatedApiKey created = create(allScopes());
        for (int i = 0; i < 20; i++) {
            valid(created.rawKey());
        }
        Instant lastUse = clock.instant();
        assertThat(keys.list(shop.id()).get(0).lastUsedAt())
                .as("shown before it is written")
                .isEqualTo(lastUse);

        assertThat(keys.flushLastUsed()).isEqualTo(1);
        assertThat(keys.flushLastUsed()).isZero();

        assertThat(store.touches.get()).isEqualTo(1);
        assertThat(stores.apiKeys()
                        .findByHash(ApiKeys.hash(created.rawKey()))
                        .orElseThrow()
                        .lastUsedAt())
                .isEqualTo(lastUse);
    }

    @Test
    void theRateLimitRefillsOverTheMinute() {
        ApiKeyRateLimiter limiter = new ApiKeyRateLimiter(clock);
        ApiKey key =
                create(new NewApiKey("app", ApiKeyScope.ALL, 3, null, Set.of())).key();
        ApiKey unlimited = create(allScopes()).key();

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(key)).isEmpty();
        }
        assertThat(limiter.acquire(key)).contains(Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(19));
        assertThat(limiter.acquire(key)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.acquire(key)).isEmpty();
        assertThat(limiter.acquire(key)).isPresent();
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(key)).as("a full minute's worth again").isEmpty();
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.acquire(unlimited)).isEmpty();
        }
    }

    /** Counts the calls that reach the database. */
    private static final class CountingStore implements ApiKeyStore {
        final ApiKeyStore delegate;
        final AtomicInteger findByHash = new AtomicInteger();
        final AtomicInteger touches = new AtomicInteger();

        CountingStore(ApiKeyStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public ApiKey create(long clientId, NewApiKey key, String keyHash, String keyPrefix, Instant createdAt) {
            return delegate.create(clientId, key, keyHash, keyPrefix, createdAt);
        }

        @Override
        public Optional<ApiKey> findByHash(String keyHash) {
            findByHash.incrementAndGet();
            return delegate.findByHash(keyHash);
        }

        @Override
        public List<ApiKey> listByClient(long clientId) {
            return delegate.listByClient(clientId);
        }

        @Override
        public boolean revoke(long clientId, long keyId) {
            return delegate.revoke(clientId, keyId);
        }

        @Override
        public void touchAll(Map<Long, Instant> lastUsed) {
            touches.incrementAndGet();
            delegate.touchAll(lastUsed);
        }
    }
}

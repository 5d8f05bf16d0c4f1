package io.gomsggw.core.store.jdbi;

import static io.gomsggw.core.store.jdbi.Fixtures.number;
import static io.gomsggw.core.store.jdbi.Fixtures.webClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.apikey.ApiKey;
import io.gomsggw.core.apikey.ApiKeyScope;
import io.gomsggw.core.apikey.ApiKeyStore;
import io.gomsggw.core.apikey.NewApiKey;
import io.gomsggw.core.store.DuplicateKeyException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@link ApiKeyStore} contract. */
interface ApiKeyStoreContract extends StoreFixture {
    String HASH_A = "a".repeat(64);
    String HASH_B = "b".repeat(64);

    @Test
    default void createsFindsByHashListsAndRevokesKeys() {
        ApiKeyStore keys = stores().apiKeys();
        long client = stores().clients().create(webClient("shop")).id();
        long other = stores().clients().create(webClient("other")).id();
        long n1 = stores().numbers().add(number(client, "+12505550101")).id();
        long n2 = stores().numbers().add(number(client, "+12505550102")).id();
        Instant created = Instant.parse("2026-03-01T10:00:00Z");
        Instant expires = Instant.parse("2026-06-01T10:00:00Z");

        ApiKey scoped = keys.create(
                client,
                new NewApiKey("CSV import", Set.of(ApiKeyScope.BATCH, ApiKeyScope.SEND), 60, expires, Set.of(n1, n2)),
                HASH_A,
                "gw_live_aaaaaaaa",
                created);
        ApiKey open = keys.create(
                other, new NewApiKey(null, ApiKeyScope.ALL, 0, null, Set.of()), HASH_B, "gw_live_bbbbbbbb", created);

        assertThat(scoped.id()).isPositive();
        assertThat(scoped)
                .isEqualTo(new ApiKey(
                        scoped.id(),
                        client,
                        "CSV import",
                        "gw_live_aaaaaaaa",
                        Set.of(ApiKeyScope.SEND, ApiKeyScope.BATCH),
                        60,
                        true,
                        expires,
                        null,
                        created,
                        Set.of(n1, n2)));
        assertThat(open.name()).isEqualTo("API Key");
        assertThat(open.allowedNumberIds()).isEmpty();
        assertThat(keys.findByHash(HASH_A)).contains(scoped);
        assertThat(keys.findByHash("c".repeat(64))).isEmpty();
        assertThat(keys.listByClient(client)).containsExactly(scoped);

        assertThat(keys.revoke(other, scoped.id())).isFalse();
        assertThat(keys.revoke(client, scoped.id())).isTrue();
        assertThat(keys.findByHash(HASH_A))
                .hasValueSatisfying(k -> assertThat(k.active()).isFalse());
        assertThat(keys.revoke(client, 424242)).isFalse();
    }

    @Test
    default void recordsLastUseAndRefusesASecondKeyWithTheSameHash() {
        ApiKeyStore keys = stores().apiKeys();
        long client = stores().clients().create(webClient("shop")).id();
        ApiKey key = keys.create(
                client,
                new NewApiKey("k", ApiKeyScope.ALL, 0, null, Set.of()),
                HASH_A,
                "gw_live_aaaaaaaa",
                Instant.parse("2026-03-01T10:00:00Z"));
        Instant used = Instant.parse("2026-03-02T11:12:13.456789Z");

        keys.touchAll(Map.of(key.id(), used, 424242L, used));

        assertThat(keys.findByHash(HASH_A).orElseThrow().lastUsedAt()).isEqualTo(used);
        assertThatThrownBy(() -> keys.create(
                        client,
                        new NewApiKey("again", ApiKeyScope.ALL, 0, null, Set.of()),
                        HASH_A,
                        "gw_live_aaaaaaaa",
                        used))
                .isInstanceOfSatisfying(
                        DuplicateKeyException.class, e -> assertThat(e.field()).isEqualTo("key"));
    }

    @Test
    default void keysGoWithTheirClient() {
        long client = stores().clients().create(webClient("shop")).id();
        stores().apiKeys()
                .create(
                        client,
                        new NewApiKey("k", ApiKeyScope.ALL, 0, null, Set.of(1L)),
                        HASH_A,
                        "gw_live_aaaaaaaa",
                        Instant.parse("2026-03-01T10:00:00Z"));

        stores().clients().delete(client);

        assertThat(stores().apiKeys().findByHash(HASH_A)).isEmpty();
    }
}

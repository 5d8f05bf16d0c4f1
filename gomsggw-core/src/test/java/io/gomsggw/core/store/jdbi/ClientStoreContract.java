package io.gomsggw.core.store.jdbi;

import static io.gomsggw.core.store.jdbi.Fixtures.legacyClient;
import static io.gomsggw.core.store.jdbi.Fixtures.number;
import static io.gomsggw.core.store.jdbi.Fixtures.rawColumn;
import static io.gomsggw.core.store.jdbi.Fixtures.unusualClientSettings;
import static io.gomsggw.core.store.jdbi.Fixtures.webClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.crypto.CryptoException;
import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Failover;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.store.ClientStore;
import io.gomsggw.core.store.DuplicateKeyException;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The {@link ClientStore} contract. */
interface ClientStoreContract extends StoreFixture {

    @Test
    default void createsFindsListsUpdatesAndDeletesClients() {
        ClientStore clients = stores().clients();
        Client alice = clients.create(webClient("alice"));
        Client pbx = clients.create(legacyClient("pbx", "10.1.2.3"));

        assertThat(alice.id()).isPositive();
        assertThat(pbx.id()).isGreaterThan(alice.id());
        assertThat(clients.find(alice.id())).contains(alice);
        assertThat(clients.findByUsername("pbx")).contains(pbx);
        assertThat(clients.findByUsername("nobody")).isEmpty();
        assertThat(clients.find(999_999)).isEmpty();
        assertThat(clients.list()).containsExactly(alice, pbx);

        Client changed = new Client(
                alice.id(),
                "alice2",
                Secret.of("ignored by update"),
                "Alice Inc.",
                ClientType.LEGACY,
                "pbx.example.com",
                ZoneId.of("Europe/Berlin"),
                true,
                unusualClientSettings());
        assertThat(clients.update(changed)).isTrue();
        assertThat(clients.find(alice.id())).contains(changed.withPassword(alice.password()));

        assertThat(clients.delete(pbx.id())).isTrue();
        assertThat(clients.delete(pbx.id())).isFalse();
        assertThat(clients.find(pbx.id())).isEmpty();
        assertThat(clients.list()).extracting(Client::username).containsExactly("alice2");
    }

    @Test
    default void changesOfMissingClientsReportFalse() {
        ClientStore clients = stores().clients();

        assertThat(clients.update(webClient("ghost").withId(424242))).isFalse();
        assertThat(clients.updatePassword(424242, Secret.of("x"))).isFalse();
        assertThat(clients.updateSettings(424242, ClientSettings.DEFAULTS)).isFalse();
        assertThat(clients.delete(424242)).isFalse();
    }

    @Test
    default void duplicateUsernameIsRefusedNamingTheField() {
        ClientStore clients = stores().clients();
        clients.create(webClient("alice"));
        Client bob = clients.create(webClient("bob"));

        assertThatThrownBy(() -> clients.create(webClient("alice")))
                .isInstanceOfSatisfying(
                        DuplicateKeyException.class, e -> assertThat(e.field()).isEqualTo("username"));
        assertThatThrownBy(() -> clients.update(webClient("alice").withId(bob.id())))
                .isInstanceOfSatisfying(
                        DuplicateKeyException.class, e -> assertThat(e.field()).isEqualTo("username"));
        assertThat(clients.list()).hasSize(2);
    }

    @Test
    default void clientSettingsRoundTripEveryField() {
        ClientStore clients = stores().clients();
        Client created = clients.create(webClient("carol").withSettings(unusualClientSettings()));
        assertThat(clients.find(created.id()).orElseThrow().settings()).isEqualTo(unusualClientSettings());

        assertThat(clients.updateSettings(created.id(), ClientSettings.DEFAULTS))
                .isTrue();
        assertThat(clients.find(created.id()).orElseThrow().settings()).isEqualTo(ClientSettings.DEFAULTS);

        assertThat(clients.updateSettings(created.id(), unusualClientSettings()))
                .isTrue();
        assertThat(clients.find(created.id()).orElseThrow().settings()).isEqualTo(unusualClientSettings());
    }

    @Test
    default void clientPasswordIsEncryptedAtRest() {
        ClientStore clients = stores().clients();
        Client dave = clients.create(webClient("dave").withPassword(Secret.of("correct horse battery")));

        String raw = rawColumn(dataSource(), "clients", "password", dave.id());
        assertThat(raw).startsWith("v1:").doesNotContain("correct horse battery");
        assertThat(cipher().decrypt(raw)).isEqualTo("correct horse battery");
        assertThat(clients.find(dave.id()).orElseThrow().password().reveal()).isEqualTo("correct horse battery");

        assertThat(clients.updatePassword(dave.id(), Secret.of("new staple"))).isTrue();
        String rawAfter = rawColumn(dataSource(), "clients", "password", dave.id());
        assertThat(rawAfter).isNotEqualTo(raw).doesNotContain("new staple");
        assertThat(cipher().decrypt(rawAfter)).isEqualTo("new staple");
        assertThat(clients.findByUsername("dave").orElseThrow().password().matches("new staple"))
                .isTrue();
    }

    @Test
    default void readingWithAnotherKeyFailsWithCryptoException() {
        Client erin = stores().clients().create(webClient("erin"));
        JdbiStores wrongKey =
                new JdbiStores(dataSource(), SecretCipher.fromKeyString(SecretCipher.generateKeyString()), clock());

        assertThatThrownBy(() -> wrongKey.clients().find(erin.id())).isInstanceOf(CryptoException.class);
    }

    @Test
    default void deletingAClientDeletesItsNumbersAndFailoversBothWays() {
        JdbiStores stores = stores();
        Client primary = stores.clients().create(webClient("primary"));
        Client fallback = stores.clients().create(webClient("fallback"));
        Client other = stores.clients().create(webClient("other"));
        stores.numbers().add(number(primary.id(), "+12505550001"));
        stores.numbers().add(number(primary.id(), "+12505550002"));
        stores.numbers().add(number(other.id(), "+12505550003"));
        stores.failovers().add(new Failover(0, primary.id(), fallback.id(), 1, true));
        stores.failovers().add(new Failover(0, other.id(), primary.id(), 1, true));
        Failover kept = stores.failovers().add(new Failover(0, other.id(), fallback.id(), 2, true));

        assertThat(stores.clients().delete(primary.id())).isTrue();

        assertThat(stores.numbers().listByClient(primary.id())).isEmpty();
        assertThat(stores.numbers().findByNumber("+12505550001")).isEmpty();
        assertThat(stores.numbers().list()).extracting(n -> n.number()).containsExactly("+12505550003");
        assertThat(stores.failovers().list()).containsExactly(kept);
        assertThat(stores.numbers().add(number(other.id(), "+12505550001")).id())
                .isPositive();
    }
}

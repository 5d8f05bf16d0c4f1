package io.gomsggw.core.store.jdbi;

import static io.gomsggw.core.store.jdbi.Fixtures.number;
import static io.gomsggw.core.store.jdbi.Fixtures.unusualNumberSettings;
import static io.gomsggw.core.store.jdbi.Fixtures.webClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.NumberStore;
import io.gomsggw.core.store.StoreException;
import org.junit.jupiter.api.Test;

/** The {@link NumberStore} contract. */
interface NumberStoreContract extends StoreFixture {

    @Test
    default void addsFindsListsUpdatesAndDeletesNumbers() {
        NumberStore numbers = stores().numbers();
        long alice = stores().clients().create(webClient("alice")).id();
        long bob = stores().clients().create(webClient("bob")).id();
        ClientNumber first = numbers.add(number(alice, "+12505550101"));
        ClientNumber second = numbers.add(number(bob, "+12505550102"));
        ClientNumber third = numbers.add(number(alice, "+12505550103"));

        assertThat(first.id()).isPositive();
        assertThat(numbers.find(first.id())).contains(first);
        assertThat(numbers.findByNumber("+12505550102")).contains(second);
        assertThat(numbers.findByNumber("+19999999999")).isEmpty();
        assertThat(numbers.listByClient(alice)).containsExactly(first, third);
        assertThat(numbers.list()).containsExactly(first, second, third);

        ClientNumber changed = new ClientNumber(
                first.id(),
                alice,
                "+12505550199",
                "twilio-backup",
                "sales",
                "east",
                "https://app.example.com/in",
                true,
                unusualNumberSettings());
        assertThat(numbers.update(changed)).isTrue();
        assertThat(numbers.find(first.id())).contains(changed);
        assertThat(numbers.findByNumber("+12505550101")).isEmpty();

        assertThat(numbers.delete(second.id())).isTrue();
        assertThat(numbers.delete(second.id())).isFalse();
        assertThat(numbers.list()).containsExactly(changed, third);
    }

    @Test
    default void aNumberBelongsToOneClientAtMost() {
        NumberStore numbers = stores().numbers();
        long alice = stores().clients().create(webClient("alice")).id();
        long bob = stores().clients().create(webClient("bob")).id();
        numbers.add(number(alice, "+12505550201"));
        ClientNumber other = numbers.add(number(alice, "+12505550202"));

        assertThatThrownBy(() -> numbers.add(number(bob, "+12505550201")))
                .isInstanceOfSatisfying(
                        DuplicateKeyException.class, e -> assertThat(e.field()).isEqualTo("number"));
        assertThatThrownBy(() -> numbers.update(number(alice, "+12505550201").withId(other.id())))
                .isInstanceOfSatisfying(
                        DuplicateKeyException.class, e -> assertThat(e.field()).isEqualTo("number"));
    }

    @Test
    default void numberSettingsRoundTripEveryField() {
        NumberStore numbers = stores().numbers();
        long alice = stores().clients().create(webClient("alice")).id();
        ClientNumber added = numbers.add(number(alice, "+12505550301"));
        assertThat(numbers.find(added.id()).orElseThrow().settings()).isEqualTo(NumberSettings.DEFAULTS);
        assertThat(NumberSettings.DEFAULTS.autoReplyCooldownSecs()).isEqualTo(60);

        assertThat(numbers.updateSettings(added.id(), unusualNumberSettings())).isTrue();
        assertThat(numbers.find(added.id()).orElseThrow().settings()).isEqualTo(unusualNumberSettings());

        NumberSettings limitBothFalse = new NumberSettings(UsageLimits.NONE, Boolean.FALSE, false, null, 0);
        assertThat(numbers.updateSettings(added.id(), limitBothFalse)).isTrue();
        assertThat(numbers.find(added.id()).orElseThrow().settings()).isEqualTo(limitBothFalse);
        assertThat(numbers.updateSettings(424242, limitBothFalse)).isFalse();
    }

    @Test
    default void aNumberNeedsAnExistingClient() {
        assertThatThrownBy(() -> stores().numbers().add(number(424242, "+12505550401")))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(DuplicateKeyException.class)
                .hasMessageStartingWith("add number failed");
    }
}

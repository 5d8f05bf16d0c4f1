package io.gomsggw.core.admin;

import static io.gomsggw.core.admin.ClientAdminTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.model.UsageLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NumberAdminTest {
    private final AdminFixture fixture = new AdminFixture();
    private final NumberAdmin numbers = fixture.admin.numbers();
    private long client;

    @BeforeEach
    void reset() {
        fixture.reset();
        client = fixture.webClient("app");
        fixture.carrier("telnyx");
    }

    private static NewNumber number(String raw) {
        return new NewNumber(raw, "telnyx", null, null, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 (250) 555-1234", "1-250-555-1234", "2505551234", "+12505551234", "250.555.1234"})
    void storesNumbersInE164(String raw) {
        ClientNumber added = numbers.add(client, number(raw));
        assertThat(added.number()).isEqualTo("+12505551234");
        assertThat(added.settings()).isEqualTo(NumberSettings.DEFAULTS);
        assertThat(fixture.directory.number("+12505551234"))
                .map(ClientNumber::clientId)
                .contains(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12ab", "", "555", "+1 250 555 1234 ext 9"})
    void refusesWhatIsNotAPhoneNumber(String raw) {
        assertField(() -> numbers.add(client, number(raw)), "number");
    }

    @Test
    void refusesAMissingOrUnknownCarrierAndABadWebhook() {
        assertField(() -> numbers.add(client, new NewNumber("2505551234", null, null, null, null, null)), "carrier");
        assertField(
                () -> numbers.add(client, new NewNumber("2505551234", "twilio", null, null, null, null)), "carrier");
        assertField(
                () -> numbers.add(client, new NewNumber("2505551234", "telnyx", null, null, "mailto:x@y", null)),
                "webhook");
        assertThat(numbers.list(client)).isEmpty();
    }

    @Test
    void aNumberBelongsToOneClientAtMost() {
        long other = fixture.webClient("other");
        numbers.add(client, number("2505551234"));
        assertThatThrownBy(() -> numbers.add(other, number("+1 250 555 1234")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("+12505551234")
                .hasMessageContaining("client " + client);
        assertThatThrownBy(() -> numbers.add(client, number("2505551234"))).isInstanceOf(ConflictException.class);
    }

    @Test
    void addingToAnUnknownClientIsNotFound() {
        assertThatThrownBy(() -> numbers.add(999, number("2505551234"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> numbers.list(999)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void updatesPartially() {
        ClientNumber added = numbers.add(
                client, new NewNumber("2505551234", "telnyx", "sales", "west", "https://app.example/n", null));
        fixture.carrier("backup");

        ClientNumber updated = numbers.update(
                client,
                added.id(),
                new NumberPatch(null, "backup", "", null, null, true),
                new NumberSettingsPatch(null, null, true, "Away", null));

        assertThat(updated.carrier()).isEqualTo("backup");
        assertThat(updated.tag()).isNull();
        assertThat(updated.group()).isEqualTo("west");
        assertThat(updated.webhook()).isEqualTo("https://app.example/n");
        assertThat(updated.ignoreStopCmdSending()).isTrue();
        assertThat(updated.settings().autoReplyEnabled()).isTrue();
        assertThat(numbers.get(added.id())).isEqualTo(updated);
        assertThat(fixture.directory.number("+12505551234")).contains(updated);
    }

    @Test
    void changingTheNumberNormalizesAndChecksIt() {
        ClientNumber first = numbers.add(client, number("2505551234"));
        ClientNumber second = numbers.add(client, number("2505559999"));
        NumberSettingsPatch noSettings = new NumberSettingsPatch(null, null, null, null, null);

        assertThat(numbers.update(
                                client,
                                first.id(),
                                new NumberPatch("(250) 555-0000", null, null, null, null, null),
                                noSettings)
                        .number())
                .isEqualTo("+12505550000");
        assertThatThrownBy(() -> numbers.update(
                        client, second.id(), new NumberPatch("2505550000", null, null, null, null, null), noSettings))
                .isInstanceOf(ConflictException.class);
        assertField(
                () -> numbers.update(
                        client, second.id(), new NumberPatch("12ab", null, null, null, null, null), noSettings),
                "number");
    }

    @Test
    void aNumberIsOnlyReachableThroughItsOwner() {
        long other = fixture.webClient("other");
        ClientNumber added = numbers.add(client, number("2505551234"));
        NumberSettingsPatch noSettings = new NumberSettingsPatch(null, null, null, null, null);

        assertThatThrownBy(() -> numbers.update(
                        other, added.id(), new NumberPatch(null, null, "x", null, null, null), noSettings))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> numbers.delete(other, added.id())).isInstanceOf(NotFoundException.class);
        numbers.delete(client, added.id());
        assertThat(numbers.list(client)).isEmpty();
        assertThat(fixture.directory.number("+12505551234")).isEmpty();
    }

    @Test
    void settingsAreUpdatedPartiallyAndValidated() {
        ClientNumber added = numbers.add(client, number("2505551234"));
        numbers.updateSettings(
                added.id(), new NumberSettingsPatch(new LimitsPatch(1L, 2L, 3L, 4L, 5L, 6L), true, null, null, null));
        ClientNumber updated = numbers.updateSettings(added.id(), NumberSettingsPatch.autoReply(true, " Closed ", 30));

        assertThat(updated.settings())
                .isEqualTo(new NumberSettings(new UsageLimits(1, 2, 3, 4, 5, 6), true, true, "Closed", 30));
        assertThat(numbers.get(added.id()).settings()).isEqualTo(updated.settings());
        assertField(
                () -> numbers.updateSettings(added.id(), NumberSettingsPatch.autoReply(null, null, -1)),
                "auto_reply_cooldown_secs");
        assertField(
                () -> numbers.updateSettings(
                        added.id(),
                        new NumberSettingsPatch(
                                new LimitsPatch(-1L, null, null, null, null, null), null, null, null, null)),
                "sms_burst_limit");
        assertThatThrownBy(() -> numbers.updateSettings(999, NumberSettingsPatch.autoReply(true, null, null)))
                .isInstanceOf(NotFoundException.class);
    }
}

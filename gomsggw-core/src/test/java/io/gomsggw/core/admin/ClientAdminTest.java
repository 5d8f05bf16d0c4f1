package io.gomsggw.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.UsageLimits;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientAdminTest {
    private final AdminFixture fixture = new AdminFixture();
    private final ClientAdmin clients = fixture.admin.clients();

    @BeforeEach
    void reset() {
        fixture.reset();
    }

    @Test
    void createsAClientWithDefaultsAndPutsItInTheDirectory() {
        Client created = clients.create(
                new NewClient(" pbx1 ", "s3cret", "Office PBX", "LEGACY", "10.0.0.5", "America/Vancouver", true));

        assertThat(created.id()).isPositive();
        assertThat(created.username()).isEqualTo("pbx1");
        assertThat(created.type()).isEqualTo(ClientType.LEGACY);
        assertThat(created.timezone()).isEqualTo(ZoneId.of("America/Vancouver"));
        assertThat(created.logPrivacy()).isTrue();
        assertThat(created.settings()).isEqualTo(ClientSettings.DEFAULTS);
        assertThat(fixture.directory.clientByUsername("pbx1")).map(Client::id).contains(created.id());
        assertThat(fixture.directory
                        .client(created.id())
                        .orElseThrow()
                        .password()
                        .matches("s3cret"))
                .isTrue();
    }

    @Test
    void timezoneDefaultsToUtc() {
        Client created = clients.create(new NewClient("app", "pw", null, "web", null, null, null));
        assertThat(created.timezone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void refusesMissingOrInvalidFields() {
        assertField(() -> clients.create(new NewClient(" ", "pw", null, "web", null, null, null)), "username");
        assertField(() -> clients.create(new NewClient("a", "", null, "web", null, null, null)), "password");
        assertField(() -> clients.create(new NewClient("a", "pw", null, null, null, null, null)), "type");
        assertField(() -> clients.create(new NewClient("a", "pw", null, "smpp", null, null, null)), "type");
        assertField(() -> clients.create(new NewClient("a", "pw", null, "legacy", " ", null, null)), "address");
        assertField(
                () -> clients.create(new NewClient("a", "pw", null, "web", null, "Mars/Olympus", null)), "timezone");
        assertField(() -> clients.create(new NewClient("a", "pw", null, "web", null, "+05:00", null)), "timezone");
        assertThat(clients.list()).isEmpty();
    }

    @Test
    void aTakenUsernameIsAConflict() {
        fixture.webClient("app");
        assertThatThrownBy(() -> fixture.webClient("app"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("app")
                .extracting(e -> ((ConflictException) e).field())
                .isEqualTo("username");
    }

    @Test
    void listsAndGetsClientsWithTheirNumbers() {
        long a = fixture.webClient("a");
        long b = fixture.webClient("b");
        fixture.carrier("telnyx");
        fixture.admin.numbers().add(b, new NewNumber("2505551234", "telnyx", null, null, null, null));

        assertThat(clients.list()).extracting(d -> d.client().username()).containsExactly("a", "b");
        assertThat(clients.get(a).numbers()).isEmpty();
        assertThat(clients.get(b).numbers()).extracting(n -> n.number()).containsExactly("+12505551234");
        assertThatThrownBy(() -> clients.get(999))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Client not found");
    }

    @Test
    void deleteCascadesToNumbersAndFailovers() {
        long a = fixture.webClient("a");
        long b = fixture.webClient("b");
        fixture.carrier("telnyx");
        fixture.admin.numbers().add(a, new NewNumber("2505551234", "telnyx", null, null, null, null));
        fixture.admin.failovers().add(b, new NewFailover(a, 1, true));

        clients.delete(a);

        assertThat(fixture.directory.client(a)).isEmpty();
        assertThat(fixture.directory.number("+12505551234")).isEmpty();
        assertThat(fixture.directory.failoversOf(b)).isEmpty();
        assertThatThrownBy(() -> clients.delete(a)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void changesThePassword() {
        long id = fixture.webClient("app");
        clients.changePassword(id, "n3w");
        assertThat(fixture.directory.client(id).orElseThrow().password().matches("n3w"))
                .isTrue();
        assertField(() -> clients.changePassword(id, ""), "new_password");
        assertThatThrownBy(() -> clients.changePassword(999, "x")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void settingsAreUpdatedPartially() {
        long id = fixture.webClient("app");
        clients.updateSettings(
                id,
                new ClientSettingsPatch(
                        "bearer",
                        null,
                        null,
                        null,
                        null,
                        null,
                        "https://app.example/hook",
                        new LimitsPatch(null, 500L, null, null, null, null),
                        null));
        ClientSettings updated = clients.updateSettings(
                id,
                new ClientSettingsPatch(
                        null,
                        "bicom",
                        null,
                        5,
                        null,
                        null,
                        null,
                        new LimitsPatch(10L, null, null, null, null, null),
                        true));

        assertThat(updated.authMethod()).isEqualTo(AuthMethod.BEARER);
        assertThat(updated.apiFormat()).isEqualTo(ApiFormat.BICOM);
        assertThat(updated.webhookRetries()).isEqualTo(5);
        assertThat(updated.defaultWebhook()).isEqualTo("https://app.example/hook");
        assertThat(updated.limits()).isEqualTo(new UsageLimits(10, 500, 0, 0, 0, 0));
        assertThat(updated.limitBoth()).isTrue();
        assertThat(clients.settings(id)).isEqualTo(updated);
        assertThat(fixture.directory.client(id).orElseThrow().settings()).isEqualTo(updated);
    }

    @Test
    void anEmptyWebhookClearsIt() {
        long id = fixture.webClient("app");
        clients.updateSettings(id, settingsWithWebhook("http://hooks.example:8080/in"));
        assertThat(clients.updateSettings(id, settingsWithWebhook("")).defaultWebhook())
                .isNull();
    }

    @Test
    void refusesInvalidSettingsAndChangesNothing() {
        long id = fixture.webClient("app");
        assertField(
                () -> clients.updateSettings(
                        id, new ClientSettingsPatch("digest", null, null, null, null, null, null, null, null)),
                "auth_method");
        assertField(
                () -> clients.updateSettings(
                        id, new ClientSettingsPatch(null, "xml", null, null, null, null, null, null, null)),
                "api_format");
        assertField(
                () -> clients.updateSettings(
                        id, new ClientSettingsPatch(null, null, null, -1, null, null, null, null, null)),
                "webhook_retries");
        assertField(
                () -> clients.updateSettings(
                        id,
                        new ClientSettingsPatch(
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                new LimitsPatch(null, null, null, null, null, -5L),
                                null)),
                "mms_monthly_limit");
        assertField(() -> clients.updateSettings(id, settingsWithWebhook("ftp://files.example/in")), "default_webhook");
        assertField(() -> clients.updateSettings(id, settingsWithWebhook("not a url")), "default_webhook");
        assertThat(clients.settings(id)).isEqualTo(ClientSettings.DEFAULTS);
        assertThatThrownBy(() -> clients.settings(999)).isInstanceOf(NotFoundException.class);
    }

    private static ClientSettingsPatch settingsWithWebhook(String url) {
        return new ClientSettingsPatch(null, null, null, null, null, null, url, null, null);
    }

    static void assertField(Runnable action, String field) {
        assertThatThrownBy(action::run)
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("'" + field + "'")
                .extracting(e -> ((InvalidFieldException) e).field())
                .isEqualTo(field);
    }
}

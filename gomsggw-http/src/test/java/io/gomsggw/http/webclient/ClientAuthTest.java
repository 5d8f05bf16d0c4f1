package io.gomsggw.http.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.http.TestHttp;
import io.gomsggw.http.testing.MessagingFixture;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Web clients authenticate with the scheme of their auth_method, and nobody else gets in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientAuthTest {
    private MessagingFixture fx;

    @BeforeAll
    void clients() {
        fx = new MessagingFixture();
        fx.webClient(
                "basic-app", MessagingFixture.settings(ApiFormat.GENERIC, AuthMethod.BASIC, null, 3, UsageLimits.NONE));
        fx.webClient(
                "bearer-app", MessagingFixture.settings(ApiFormat.BICOM, AuthMethod.BEARER, null, 3, UsageLimits.NONE));
        fx.client("pbx", ClientType.LEGACY, MessagingFixture.settings(ApiFormat.GENERIC, null));
    }

    @AfterAll
    void close() {
        fx.close();
    }

    private HttpResponse<String> usageWith(String authorization) {
        return new TestHttp(fx.address).authorization(authorization).get("/messages/usage");
    }

    private static String token(String username, String password) {
        return MessagingFixture.basicToken(username, password);
    }

    @Test
    void eachClientUsesTheSchemeOfItsAuthMethod() {
        assertThat(usageWith("Basic " + token("basic-app", MessagingFixture.PASSWORD))
                        .statusCode())
                .isEqualTo(200);
        assertThat(usageWith("Bearer " + token("bearer-app", MessagingFixture.PASSWORD))
                        .statusCode())
                .isEqualTo(200);
        assertThat(usageWith("bearer " + token("bearer-app", MessagingFixture.PASSWORD))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theOtherSchemeIsRefusedNamingTheRightOneAsGoDoes() {
        // Go: clientAuthMiddleware (web_server.go), after the password check.
        HttpResponse<String> bearer = usageWith("Bearer " + token("basic-app", MessagingFixture.PASSWORD));
        assertThat(bearer.statusCode()).isEqualTo(401);
        assertThat(bearer.body())
                .isEqualTo(
                        "{\"error\":\"Unauthorized\",\"status\":\"error\",\"message\":\"Client requires basic authentication\"}");
        HttpResponse<String> basic = usageWith("Basic " + token("bearer-app", MessagingFixture.PASSWORD));
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).contains("\"message\":\"Client requires bearer authentication\"");
        assertUnauthorized(usageWith("Bearer " + token("basic-app", "wrong")));
    }

    @Test
    void wrongOrMissingCredentialsAreRefused() {
        assertUnauthorized(usageWith("Basic " + token("basic-app", "wrong")));
        assertUnauthorized(usageWith("Basic " + token("nobody", MessagingFixture.PASSWORD)));
        assertUnauthorized(usageWith("Basic not-base64!"));
        assertUnauthorized(usageWith("Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes())));
        assertUnauthorized(usageWith("Bearer gw_live_" + "0".repeat(64)));
        assertUnauthorized(usageWith(null));
    }

    @Test
    void legacyClientsGet403AsInGo() {
        HttpResponse<String> response = usageWith("Basic " + token("pbx", MessagingFixture.PASSWORD));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body())
                .isEqualTo(
                        "{\"status\":\"error\",\"message\":\"Legacy clients must use SMPP protocol, not REST API\"}");
        assertUnauthorized(usageWith("Basic " + token("pbx", "wrong")));
    }

    @Test
    void everyEndpointIsGuarded() {
        TestHttp anonymous = fx.anonymous();
        assertUnauthorized(anonymous.post("/messages/send", "{}"));
        assertUnauthorized(anonymous.post("/messages", "{}"));
        assertUnauthorized(anonymous.get("/messages/history"));
        assertUnauthorized(anonymous.get("/messages/some-id"));
        assertUnauthorized(anonymous.get("/messages/usage"));
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"Unauthorized\"}");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("Basic"));
    }
}

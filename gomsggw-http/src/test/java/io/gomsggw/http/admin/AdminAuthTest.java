package io.gomsggw.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class AdminAuthTest extends AdminServerTest {

    private void expectUnauthorized(HttpResponse<String> response) {
        assertThat(expect(401, response).get("error").asText()).isEqualTo("Unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"gomsggw\"");
    }

    @Test
    void missingCredentialsAre401() {
        http.basic(null, null);
        expectUnauthorized(http.get("/clients"));
        expectUnauthorized(http.post("/clients", "{\"username\": \"x\", \"password\": \"y\", \"type\": \"web\"}"));
        expectUnauthorized(http.get("/stats"));
        expectUnauthorized(http.post("/carriers/reload", null));
        assertThat(directory.clientByUsername("x")).isEmpty();
    }

    @Test
    void wrongCredentialsAre401() {
        expectUnauthorized(http.basic("admin", "wrong").get("/clients"));
        expectUnauthorized(http.basic("admin", API_KEY + "x").get("/clients"));
        expectUnauthorized(http.basic(API_KEY, "admin").get("/clients"));
        expectUnauthorized(http.authorization("Basic !!not-base64!!").get("/clients"));
        expectUnauthorized(http.authorization("Bearer " + API_KEY).get("/clients"));
    }

    @Test
    void anyUserNameIsAcceptedWithTheKeyAsInGo() {
        // The Go gateway's basicAuthMiddleware (web_server.go) compares only the password.
        expect(200, http.basic("root", API_KEY).get("/clients"));
        expect(200, http.basic("", API_KEY).get("/clients"));
    }

    @Test
    void theAdminKeyIsAccepted() {
        expect(200, http.basic("admin", API_KEY).get("/clients"));
        expect(
                200,
                http.authorization("basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString(
                                                ("admin:" + API_KEY).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .get("/carriers"));
    }
}

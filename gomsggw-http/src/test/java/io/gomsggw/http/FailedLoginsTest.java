package io.gomsggw.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.apikey.ApiKeyScope;
import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.net.CidrBlock;
import io.gomsggw.core.security.LoginThrottle;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.MutableClock;
import io.gomsggw.core.testing.TestDatabases;
import io.gomsggw.http.admin.AdminAuth;
import io.gomsggw.http.webclient.ClientAuth;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failed logins of web clients and of the admin key, counted per source address by one
 * {@link LoginThrottle} (five free failures, then a bar of 1 s doubling). The sources are told
 * apart by {@code X-Forwarded-For}, which the server believes from its loopback proxy.
 */
class FailedLoginsTest {
    private static final String API_KEY = "admin-key-0123";
    private static final String PASSWORD = "right-password";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final ThreadPoolExecutor workers =
            new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16));
    private HttpServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        JdbiStores stores = new JdbiStores(
                TestDatabases.h2InMemory(),
                SecretCipher.fromKeyString(SecretCipher.generateKeyString()),
                Clock.systemUTC());
        Directory directory = new Directory(
                stores.clients(), stores.numbers(), stores.carriers(), stores.failovers(), Clock.systemUTC());
        stores.clients()
                .create(new Client(
                        0,
                        "alice",
                        Secret.of(PASSWORD),
                        null,
                        ClientType.WEB,
                        null,
                        ZoneId.of("UTC"),
                        false,
                        new ClientSettings(
                                AuthMethod.BASIC,
                                ApiFormat.GENERIC,
                                false,
                                0,
                                2,
                                false,
                                null,
                                UsageLimits.NONE,
                                false)));
        directory.reload();
        LoginAttempts attempts = LoginAttempts.throttledBy(new LoginThrottle(LoginThrottle.DEFAULTS, clock));
        JsonCodec json = new JsonCodec();
        RouteTable router = new RouteTable()
                .get("/admin", new AdminAuth(API_KEY, attempts).protect(r -> json.ok(Map.of("admin", true))))
                .get(
                        "/client",
                        new ClientAuth(directory, attempts)
                                .protect(
                                        ApiKeyScope.SEND,
                                        (r, caller) -> json.ok(
                                                Map.of("client", caller.client().username()))));
        server = new HttpServer(
                router,
                workers,
                HttpServer.Settings.defaults().withTrustedProxies(List.of(CidrBlock.parse("127.0.0.1"))));
        address = server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() {
        server.close();
        workers.shutdownNow();
    }

    private TestHttp from(String source) {
        return new TestHttp(address).header("X-Forwarded-For", source);
    }

    @Test
    void aSourceThatKeepsFailingIsBarredWithoutACredentialCheckAndOthersStillLogIn() {
        TestHttp attacker = from("198.51.100.1").basic("alice", "guess");
        for (int i = 0; i < 6; i++) {
            assertThat(attacker.get("/client").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> barred = attacker.basic("alice", PASSWORD).get("/client");
        assertThat(barred.statusCode()).isEqualTo(429);
        assertThat(barred.headers().firstValue("Retry-After")).contains("1");
        assertThat(barred.body()).isEqualTo("{\"error\":\"too many failed logins from this address, retry later\"}");
        assertThat(attacker.basic("admin", API_KEY).get("/admin").statusCode()).isEqualTo(429);

        TestHttp neighbour = from("198.51.100.2");
        assertThat(neighbour.basic("alice", PASSWORD).get("/client").body()).isEqualTo("{\"client\":\"alice\"}");
        assertThat(neighbour.basic("alice", "typo").get("/client").statusCode()).isEqualTo(401);
        assertThat(neighbour.basic("admin", API_KEY).get("/admin").statusCode()).isEqualTo(200);
    }

    @Test
    void theBarDoublesWithEachFailureAndEndsWithASuccess() {
        TestHttp attacker = from("198.51.100.1").basic("admin", "guess");
        for (int i = 0; i < 6; i++) {
            assertThat(attacker.get("/admin").statusCode()).isEqualTo(401);
        }
        assertThat(attacker.get("/admin").statusCode()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(1));
        assertThat(attacker.get("/admin").statusCode()).isEqualTo(401);
        HttpResponse<String> longer = attacker.get("/admin");
        assertThat(longer.statusCode()).isEqualTo(429);
        assertThat(longer.headers().firstValue("Retry-After")).contains("2");

        clock.advance(Duration.ofSeconds(2));
        assertThat(attacker.basic("admin", API_KEY).get("/admin").statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(attacker.basic("admin", "guess").get("/admin").statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void aForwardedAddressFromAnUntrustedPeerIsIgnored() throws Exception {
        server.close();
        server = new HttpServer(
                new RouteTable().get("/who", r -> new JsonCodec().ok(Map.of("ip", r.remoteAddress()))), workers);
        address = server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

        assertThat(from("198.51.100.1").get("/who").body()).isEqualTo("{\"ip\":\"127.0.0.1\"}");
    }
}

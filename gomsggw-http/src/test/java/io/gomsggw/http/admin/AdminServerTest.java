package io.gomsggw.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.core.admin.AdminService;
import io.gomsggw.core.admin.CarrierValidator;
import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.admin.LiveSession;
import io.gomsggw.core.apikey.ApiKeys;
import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.routing.AutoReplyPolicy;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.TestDatabases;
import io.gomsggw.http.HttpServer;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the admin API tests: the real HTTP server on a free port, the admin service on the
 * real Jdbi stores over in-memory H2, and a real HTTP client with the admin credentials. Every
 * test starts with empty tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminServerTest {
    static final String API_KEY = "test-api-key-0123";
    static final String DEFAULT_AUTO_REPLY = "Thanks, we will get back to you";

    private final ObjectMapper mapper = new ObjectMapper();
    final List<LiveSession> liveSessions = new CopyOnWriteArrayList<>();
    final AtomicBoolean databaseUp = new AtomicBoolean(true);
    final AtomicBoolean ready = new AtomicBoolean(true);
    final AtomicBoolean smppUp = new AtomicBoolean(true);

    DataSource dataSource;
    Directory directory;
    HttpServer server;
    TestHttp http;
    private ThreadPoolExecutor workers;

    @BeforeAll
    void startServer() throws IOException {
        dataSource = TestDatabases.h2InMemory();
        Clock clock = Clock.systemUTC();
        JdbiStores stores =
                new JdbiStores(dataSource, SecretCipher.fromKeyString(SecretCipher.generateKeyString()), clock);
        directory = new Directory(stores.clients(), stores.numbers(), stores.carriers(), stores.failovers(), clock);
        AdminService admin = new AdminService(
                stores.clients(),
                stores.numbers(),
                stores.carriers(),
                stores.failovers(),
                new PhoneNumbers("US"),
                carrierTypes("telnyx", "twilio"),
                directory);
        RouteTable router = new RouteTable();
        new AdminApi(
                        admin,
                        () -> List.copyOf(liveSessions),
                        () -> new HealthReport(
                                ready.get(), databaseUp.get(), Map.of("http", true, "smpp", smppUp.get())),
                        new AutoReplyPolicy(true, DEFAULT_AUTO_REPLY),
                        new AdminAuth(API_KEY),
                        new JsonCodec())
                .register(router);
        ApiKeys apiKeys =
                new ApiKeys(stores.apiKeys(), directory, clock, new SecureRandom(), ApiKeys.Settings.DEFAULTS);
        new ApiKeyRoutes(apiKeys, directory, new AdminAuth(API_KEY), new JsonCodec(), clock).register(router);
        workers = new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64));
        server = new HttpServer(router, workers);
        InetSocketAddress bound = server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        http = new TestHttp(bound).basic("admin", API_KEY);
    }

    private static CarrierValidator carrierTypes(String... types) {
        return carrier -> {
            if (!Set.of(types).contains(carrier.type())) {
                throw new IllegalArgumentException("unknown carrier type '" + carrier.type() + "'");
            }
        };
    }

    @BeforeEach
    void emptyTables() {
        TestDatabases.deleteAllRows(dataSource);
        directory.reload();
        liveSessions.clear();
        databaseUp.set(true);
        ready.set(true);
        smppUp.set(true);
        http.basic("admin", API_KEY);
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        server.close();
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** Asserts the status and the JSON content type, and returns the body as JSON. */
    JsonNode expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return json(response);
    }

    /** Asserts a 4xx whose {@code error} names {@code field}. */
    void expectFieldError(int status, String field, HttpResponse<String> response) {
        JsonNode body = expect(status, response);
        assertThat(body.path("error").asText()).contains(field);
        assertThat(body.path("field").asText()).isEqualTo(field);
    }

    long createWebClient(String username, String password) {
        return expect(201, http.post("/clients", """
                {"username": "%s", "password": "%s", "type": "web"}""".formatted(username, password)))
                .get("id")
                .asLong();
    }

    long createCarrier(String name, String password) {
        return expect(201, http.post("/carriers", """
                {"name": "%s", "type": "telnyx", "password": "%s"}""".formatted(name, password)))
                .get("id")
                .asLong();
    }

    long addNumber(long clientId, String number, String carrier) {
        return expect(201, http.post("/clients/" + clientId + "/numbers", """
                {"number": "%s", "carrier": "%s"}""".formatted(number, carrier)))
                .get("id")
                .asLong();
    }
}

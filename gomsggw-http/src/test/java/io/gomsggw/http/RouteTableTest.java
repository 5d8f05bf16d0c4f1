package io.gomsggw.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.core.admin.ConflictException;
import io.gomsggw.core.admin.InvalidFieldException;
import io.gomsggw.core.admin.NotFoundException;
import io.gomsggw.core.store.StoreException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RouteTableTest {
    private final RouteTable router = new RouteTable();
    private final JsonCodec json = new JsonCodec();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger httpLogger = (Logger) LoggerFactory.getLogger("io.gomsggw.http");

    @BeforeEach
    void captureLogs() {
        logged.start();
        httpLogger.addAppender(logged);
        httpLogger.setLevel(Level.DEBUG);
        httpLogger.setAdditive(false);
    }

    @AfterEach
    void releaseLogs() {
        httpLogger.detachAppender(logged);
        httpLogger.setLevel(null);
        httpLogger.setAdditive(true);
    }

    private static Request request(HttpMethod method, String path) {
        return request(method, path, "");
    }

    private static Request request(HttpMethod method, String path, String body) {
        return new Request(
                method, path, Map.of(), new DefaultHttpHeaders(), body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    private static String text(Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void bindsPathParametersDecoded() {
        router.get(
                "/clients/{id}/numbers/{number_id}",
                r -> json.ok(Map.of("id", r.pathParam("id"), "number", r.pathParam("number_id"))));

        Response response = router.handle(request(HttpMethod.GET, "/clients/7/numbers/%2B1250/"));

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(text(response)).contains("\"id\":\"7\"").contains("\"number\":\"+1250\"");
    }

    @Test
    void readsQueryParameters() {
        router.get(
                "/messages",
                r -> json.ok(Map.of("page", r.queryParam("page"), "none", String.valueOf(r.queryParam("x")))));
        Request withQuery = new Request(
                HttpMethod.GET,
                "/messages",
                Map.of("page", java.util.List.of("2", "3")),
                new DefaultHttpHeaders(),
                new byte[0],
                "127.0.0.1");
        assertThat(text(router.handle(withQuery))).contains("\"page\":\"2\"").contains("\"none\":\"null\"");
    }

    @Test
    void unknownPathIsJson404() {
        router.get("/clients", r -> json.ok(Map.of()));
        Response response = router.handle(request(HttpMethod.GET, "/nothing/here"));
        assertThat(response.status().code()).isEqualTo(404);
        assertThat(text(response)).isEqualTo("{\"error\":\"not found\"}");
    }

    @Test
    void knownPathWithAnotherMethodIs405WithAllow() {
        router.get("/clients", r -> json.ok(Map.of()));
        router.post("/clients", r -> json.ok(Map.of()));

        Response response = router.handle(request(HttpMethod.DELETE, "/clients"));

        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "GET, POST");
        assertThat(text(response)).startsWith("{\"error\":\"method DELETE not allowed");
    }

    @Test
    void aLiteralSegmentWinsOverAParameter() {
        router.get("/clients/{id}", r -> json.ok(Map.of("route", "id")));
        router.get("/clients/reload", r -> json.ok(Map.of("route", "reload")));
        assertThat(text(router.handle(request(HttpMethod.GET, "/clients/reload"))))
                .contains("reload");
        assertThat(text(router.handle(request(HttpMethod.GET, "/clients/5")))).contains("\"id\"");
    }

    @Test
    void aRouteCannotBeRegisteredTwice() {
        router.get("/clients", r -> json.ok(Map.of()));
        assertThatThrownBy(() -> router.get("/clients", r -> json.ok(Map.of())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void idsThatAreNotUnsigned32BitNumbersAreRefusedAsGoRefusesThemAndZeroIsNotFound() {
        router.get("/clients/{id}", r -> json.ok(Map.of("id", r.idParam("id"))));
        router.get("/clients/{id}/numbers/{number_id}", r -> json.ok(Map.of("id", r.idParam("number_id"))));
        for (String id : new String[] {"abc", "-1", "+1", "4294967296", "99999999999999999999"}) {
            Response refused = router.handle(request(HttpMethod.GET, "/clients/" + id));
            assertThat(refused.status().code()).as(id).isEqualTo(400);
            assertThat(new String(refused.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("{\"error\":\"Invalid client ID\"}");
        }
        assertThat(new String(
                        router.handle(request(HttpMethod.GET, "/clients/1/numbers/x"))
                                .body(),
                        java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":\"Invalid number ID\"}");
        assertThat(router.handle(request(HttpMethod.GET, "/clients/0")).status().code())
                .isEqualTo(404);
        assertThat(router.handle(request(HttpMethod.GET, "/clients/4294967295"))
                        .status()
                        .code())
                .isEqualTo(200);
    }

    @Test
    void adminRefusalsMapToTheirStatusWithoutAStackTraceInTheLog() {
        router.post("/invalid", r -> {
            throw InvalidFieldException.invalid("type", "must be web");
        });
        router.post("/conflict", r -> {
            throw new ConflictException("username", "taken");
        });
        router.post("/missing", r -> {
            throw new NotFoundException("client 9 not found");
        });

        Response invalid = router.handle(request(HttpMethod.POST, "/invalid"));
        assertThat(invalid.status().code()).isEqualTo(400);
        assertThat(text(invalid))
                .isEqualTo("{\"error\":\"invalid value for field 'type': must be web\",\"field\":\"type\"}");
        assertThat(router.handle(request(HttpMethod.POST, "/conflict")).status().code())
                .isEqualTo(409);
        assertThat(text(router.handle(request(HttpMethod.POST, "/missing"))))
                .isEqualTo("{\"error\":\"client 9 not found\"}");
        assertThat(logged.list)
                .noneMatch(e -> e.getThrowableProxy() != null || e.getLevel().isGreaterOrEqual(Level.WARN));
    }

    @Test
    void wrongJsonTypesAndMalformedJsonAre400NamingTheField() {
        router.post("/things", r -> json.ok(Map.of("n", json.readObject(r).integer("count"))));

        Response wrongType = router.handle(request(HttpMethod.POST, "/things", "{\"count\": \"many\"}"));
        assertThat(wrongType.status().code()).isEqualTo(400);
        assertThat(text(wrongType)).contains("invalid value for field 'count'");

        Response tooBig = router.handle(request(HttpMethod.POST, "/things", "{\"count\": 99999999999}"));
        assertThat(text(tooBig)).contains("invalid value for field 'count'");

        Response malformed = router.handle(request(HttpMethod.POST, "/things", "{\"count\": }"));
        assertThat(malformed.status().code()).isEqualTo(400);
        assertThat(text(malformed)).startsWith("{\"error\":\"request body is not valid JSON");
        assertThat(logged.list).noneMatch(e -> e.getThrowableProxy() != null);
    }

    private record Thing(int count) {}

    @Test
    void jacksonBindingErrorsInAHandlerAre400NamingTheField() {
        ObjectMapper mapper = new ObjectMapper();
        router.post("/bound", r -> json.ok(mapper.readValue(r.body(), Thing.class)));

        Response response = router.handle(request(HttpMethod.POST, "/bound", "{\"count\": \"many\"}"));

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(text(response)).isEqualTo("{\"error\":\"invalid value for field 'count'\",\"field\":\"count\"}");
        assertThat(logged.list).noneMatch(e -> e.getThrowableProxy() != null);
    }

    @Test
    void anUnexpectedFailureIs500LoggedOnceWithItsStackTrace() {
        router.get("/boom", r -> {
            throw new IllegalStateException("database on fire");
        });

        Response response = router.handle(request(HttpMethod.GET, "/boom"));

        assertThat(response.status().code()).isEqualTo(500);
        assertThat(text(response)).isEqualTo("{\"error\":\"internal server error\"}");
        assertThat(logged.list)
                .filteredOn(e -> e.getLevel() == Level.ERROR)
                .singleElement()
                .satisfies(e -> assertThat(e.getThrowableProxy().getMessage()).isEqualTo("database on fire"));
    }

    @Test
    void aStoreThatFailsIs503WithRetryAfterLoggedInOneLine() {
        router.get("/history", r -> {
            throw new StoreException("message log not yet written to the database");
        });

        Response response = router.handle(request(HttpMethod.GET, "/history"));

        assertThat(response.status().code()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("Retry-After", "1");
        assertThat(logged.list)
                .filteredOn(e -> e.getLevel() == Level.WARN)
                .singleElement()
                .satisfies(e -> assertThat(e.getThrowableProxy()).isNull());
    }
}

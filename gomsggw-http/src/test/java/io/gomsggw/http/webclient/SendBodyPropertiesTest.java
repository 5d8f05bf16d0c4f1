package io.gomsggw.http.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.routing.Submission;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.fetch.AddressPolicy;
import io.gomsggw.http.fetch.MediaFetcher;
import io.gomsggw.http.fetch.SafeFetcher;
import io.gomsggw.http.testing.Json;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Send bodies of every {@code api_format}, random or mutated from real ones, read through the
 * router: the answer is the submission or a typed refusal (400 or 403 with a JSON error), never a
 * 500. Media URLs name hosts the test resolver does not know, so nothing leaves the machine.
 * Inputs are bounded (a few KiB).
 */
class SendBodyPropertiesTest {
    private static final String PHOTO = java.util.Base64.getEncoder()
            .encodeToString(
                    new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0});
    private static final Map<ApiFormat, List<String>> REAL = Map.of(
            ApiFormat.GENERIC,
                    List.of(
                            "{\"from\":\"+12505550100\",\"to\":\"+12505550200\",\"text\":\"Hello there\"}",
                            "{\"from\":\"2505550100\",\"to\":\"+1 (250) 555-0200\",\"text\":\"photo\",\"client_id\":1,"
                                    + "\"media\":[{\"filename\":\"p.jpg\",\"content_type\":\"image/jpeg\",\"content\":\""
                                    + PHOTO + "\"},{\"content\":\"" + PHOTO.replace('+', '-') + "\"}]}"),
            ApiFormat.BICOM,
                    List.of("{\"from\":\"+12505550100\",\"to\":\"+12505550200\",\"text\":\"hi\","
                            + "\"media_urls\":[\"https://files.example.com/photo.jpg\"]}"),
            ApiFormat.TELNYX,
                    List.of(
                            "{\"from\":\"+12505550100\",\"to\":\"+12505550200\",\"text\":\"Check this out\","
                                    + "\"media_urls\":[\"https://files.example.com/a.jpg\",\"http://cdn.example.net/b.png\"],"
                                    + "\"messaging_profile_id\":\"740572b6-099c-44a1-89b9-6c92163bc68d\","
                                    + "\"webhook_url\":\"https://example.com/hook\",\"type\":\"MMS\"}",
                            "{\"data\":{\"event_type\":\"message.sent\",\"payload\":{\"from\":{\"phone_number\":\"+12505550100\"},"
                                    + "\"to\":[{\"phone_number\":\"+12505550200\"}],\"text\":\"Check this out\","
                                    + "\"media\":[{\"url\":\"https://files.example.com/a.jpg\",\"content_type\":\"image/jpeg\"}]}}}"));
    private static final List<String> TOKENS = List.of(
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "null",
            "true",
            "1e400",
            "-0",
            "12345678901234567890",
            "\"from\":",
            "\"to\":",
            "\"text\":",
            "\"media\":",
            "\"media_urls\":",
            "\"content\":",
            "\"content_type\":",
            "\"url\":",
            "\"data\":",
            "\"payload\":",
            "\"phone_number\":",
            "\"filename\":",
            "\"client_id\":",
            "\"x\"",
            "\"image/\"",
            "\"a/b\"",
            "\"ftp://files.example.com/x\"",
            "\"https://\"",
            "\"http://files.example.com:99999/\"",
            "\"" + PHOTO + "\"",
            "\"====\"",
            "\"A\"",
            "\\u0000",
            "\\ud800",
            "\u00e9",
            " ",
            "\n");

    private static final SafeFetcher FETCHER = new SafeFetcher(
            AddressPolicy.PUBLIC_ONLY,
            host -> {
                throw new UnknownHostException(host);
            },
            SafeFetcher.Settings.DEFAULTS);

    private final JsonCodec json = new JsonCodec();
    private final SendRequests requests =
            new SendRequests(new MediaFetcher(FETCHER, 4096, 8192, Duration.ofSeconds(2)), clientId -> List.of());

    @AfterContainer
    static void closeFetcher() {
        FETCHER.close();
    }

    private static Client client(ApiFormat format) {
        return new Client(
                1,
                "alice",
                Secret.of("pw"),
                null,
                ClientType.WEB,
                null,
                ZoneId.of("UTC"),
                false,
                new ClientSettings(AuthMethod.BASIC, format, false, 0, 2, false, null, UsageLimits.NONE, false));
    }

    /** The answer to {@code body} posted by a client of {@code format}. */
    private Response answer(ApiFormat format, byte[] body) {
        RouteTable router = new RouteTable().post("/messages/send", request -> {
            Submission submission = requests.read(json.readObject(request, SendRequests.BASE64_FIELDS), client(format));
            return json.ok(Map.of(
                    "from", submission.from(), "media", submission.media().size()));
        });
        return router.handle(
                new Request(HttpMethod.POST, "/messages/send", Map.of(), new DefaultHttpHeaders(), body, "127.0.0.1"));
    }

    private void onlyTypedAnswers(ApiFormat format, byte[] body) {
        Response response = answer(format, body);
        assertThat(Set.of(200, 400, 403))
                .as(new String(body, StandardCharsets.UTF_8))
                .contains(response.status().code());
        JsonNode answer = Json.parse(new String(response.body(), StandardCharsets.UTF_8));
        if (response.status().code() != 200) {
            assertThat(answer.path("error").asText()).isNotBlank();
        }
    }

    @Property(tries = 10)
    void realBodiesAreAcceptedOrRefusedForTheirMediaOnly(@ForAll("formats") ApiFormat format) {
        for (String body : REAL.get(format)) {
            Response response = answer(format, body.getBytes(StandardCharsets.UTF_8));
            if (format == ApiFormat.GENERIC) {
                assertThat(response.status().code()).isEqualTo(200);
            } else {
                // the media hosts are unknown here: refused naming the item
                assertThat(Json.parse(new String(response.body(), StandardCharsets.UTF_8))
                                .get("error")
                                .asText())
                        .matches("(media_urls\\[0\\]|data\\.payload\\.media\\[0\\]\\.url): unknown host.*");
            }
        }
    }

    /** Byte-order marks Jackson reads as UTF-32 in an order it does not support (found by the property below). */
    @Example
    void oddUtf32ByteOrderMarksAre400() {
        for (byte[] body : List.of(
                new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, 0, 0, 0, '{'},
                new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 0, 0, '{', 0, 0})) {
            Response response = answer(ApiFormat.GENERIC, body);
            assertThat(response.status().code()).isEqualTo(400);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("not valid JSON");
        }
    }

    @Property(tries = 800)
    void randomBytesGiveOnlyTypedAnswers(@ForAll("formats") ApiFormat format, @ForAll @Size(max = 2048) byte[] body) {
        onlyTypedAnswers(format, body);
    }

    @Property(tries = 800)
    void randomJsonShapedBodiesGiveOnlyTypedAnswers(
            @ForAll("formats") ApiFormat format, @ForAll("jsonish") String body) {
        onlyTypedAnswers(format, body.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1500)
    void mutatedRealBodiesGiveOnlyTypedAnswers(@ForAll("mutated") Map.Entry<ApiFormat, byte[]> body) {
        onlyTypedAnswers(body.getKey(), body.getValue());
    }

    @Provide
    Arbitrary<ApiFormat> formats() {
        return Arbitraries.of(ApiFormat.values());
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(60).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<Map.Entry<ApiFormat, byte[]>> mutated() {
        Arbitrary<Map.Entry<ApiFormat, String>> seeds = Arbitraries.of(REAL.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(body -> Map.entry(e.getKey(), body)))
                .toList());
        return Combinators.combine(seeds, mutations(), formats()).as((seed, mutations, other) -> {
            byte[] b = seed.getValue().getBytes(StandardCharsets.UTF_8);
            for (UnaryOperator<byte[]> mutation : mutations) {
                b = mutation.apply(b);
            }
            // now and then a body of one format reaches a client of another
            return Map.entry(mutations.size() % 3 == 0 ? other : seed.getKey(), b);
        });
    }

    private static Arbitrary<List<UnaryOperator<byte[]>>> mutations() {
        Arbitrary<UnaryOperator<byte[]>> flip = Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.integers().between(0, 7))
                .as((pos, bit) -> b -> {
                    byte[] c = b.clone();
                    if (c.length > 0) {
                        c[pos % c.length] ^= (byte) (1 << bit);
                    }
                    return c;
                });
        Arbitrary<UnaryOperator<byte[]>> cut = Arbitraries.integers()
                .greaterOrEqual(0)
                .map(pos -> b -> Arrays.copyOf(b, b.length == 0 ? 0 : pos % b.length));
        Arbitrary<UnaryOperator<byte[]>> insert = Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0), Arbitraries.of(TOKENS))
                .as((pos, token) -> b -> {
                    byte[] what = token.getBytes(StandardCharsets.UTF_8);
                    int at = b.length == 0 ? 0 : pos % (b.length + 1);
                    byte[] c = new byte[b.length + what.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(what, 0, c, at, what.length);
                    System.arraycopy(b, at, c, at + what.length, b.length - at);
                    return c;
                });
        Arbitrary<UnaryOperator<byte[]>> delete = Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.integers().between(1, 40))
                .as((pos, len) -> b -> {
                    if (b.length == 0) {
                        return b;
                    }
                    int from = pos % b.length;
                    int to = Math.min(b.length, from + len);
                    byte[] c = new byte[b.length - (to - from)];
                    System.arraycopy(b, 0, c, 0, from);
                    System.arraycopy(b, to, c, from, b.length - to);
                    return c;
                });
        return Arbitraries.oneOf(flip, cut, insert, delete).list().ofMinSize(1).ofMaxSize(8);
    }
}

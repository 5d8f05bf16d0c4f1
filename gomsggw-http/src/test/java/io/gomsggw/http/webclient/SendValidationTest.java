package io.gomsggw.http.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.pipeline.PipelineSettings;
import io.gomsggw.http.HttpServer;
import io.gomsggw.http.TestHttp;
import io.gomsggw.http.testing.Json;
import io.gomsggw.http.testing.MessagingFixture;
import io.gomsggw.http.testing.WebhookReceiver;
import io.gomsggw.http.testing.WebhookReceiver.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What {@code POST /messages/send} refuses, and how: always a 4xx naming the field. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendValidationTest {
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final WebhookReceiver mediaHost = new WebhookReceiver();
    private MessagingFixture fx;
    private TestHttp alice;
    private TestHttp carol;
    private TestHttp dave;
    private TestHttp erin;

    @BeforeAll
    void clients() {
        fx = new MessagingFixture(PipelineSettings.DEFAULTS, Duration.ofMillis(500));
        Client a = fx.webClient("alice", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/alice")));
        fx.number(a, "+12505550100", null, null);
        Client c = fx.webClient("carol", MessagingFixture.settings(ApiFormat.BICOM, receiver.url("/carol")));
        fx.number(c, "+12505550300", null, null);
        Client d = fx.webClient("dave", MessagingFixture.settings(ApiFormat.TELNYX, receiver.url("/dave")));
        fx.number(d, "+12505550400", null, null);
        Client e = fx.webClient("erin", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/erin")));
        fx.number(e, "+12505550500", null, null);
        fx.number(e, "+12505550501", null, null);
        alice = fx.as(a);
        carol = fx.as(c);
        dave = fx.as(d);
        erin = fx.as(e);
    }

    @AfterAll
    void close() {
        receiver.close();
        mediaHost.close();
        fx.close();
    }

    private static Map<String, Object> sms(Object... more) {
        Map<String, Object> body =
                new LinkedHashMap<>(Map.of("from", "+12505550100", "to", "+12505550400", "text", "hi"));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private static void assertRefused(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = Json.parse(response.body());
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.path("field").asText()).isEqualTo(field);
    }

    @Test
    void requiredFieldsAreNamed() {
        Map<String, Object> noTo = sms();
        noTo.remove("to");
        assertRefused(alice.post("/messages/send", Json.write(noTo)), 400, "to");
        Map<String, Object> noFrom = sms();
        noFrom.remove("from");
        HttpResponse<String> twoNumbers = erin.post("/messages/send", Json.write(noFrom));
        assertRefused(twoNumbers, 400, "from");
        assertThat(Json.parse(twoNumbers.body()).get("error").asText())
                .isEqualTo("'from' field is required when multiple numbers exist");
        assertRefused(alice.post("/messages/send", Json.write(sms("text", ""))), 400, "text");
    }

    @Test
    void withoutFromTheOnlyNumberOfTheClientSends() {
        Map<String, Object> noFrom = sms();
        noFrom.remove("from");
        HttpResponse<String> response = alice.post("/messages/send", Json.write(noFrom));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(fx.stored(Json.parse(response.body()).get("id").asText()).from())
                .isEqualTo("+12505550100");
    }

    @Test
    void fieldsOfTheWrongKindAreNamed() {
        assertRefused(alice.post("/messages/send", Json.write(sms("text", 5))), 400, "text");
        assertRefused(alice.post("/messages/send", Json.write(sms("from", true))), 400, "from");
        assertRefused(alice.post("/messages/send", Json.write(sms("media", "picture"))), 400, "media");
        assertRefused(alice.post("/messages/send", Json.write(sms("media", List.of("picture")))), 400, "media[0]");
        assertRefused(alice.post("/messages/send", Json.write(sms("client_id", "me"))), 400, "client_id");
        assertRefused(
                dave.post(
                        "/messages/send",
                        Json.write(Map.of("from", "+12505550400", "to", "+12505550100", "media_urls", List.of(7)))),
                400,
                "media_urls[0]");
    }

    @Test
    void mediaContentMustBeBase64() {
        var body = sms(
                "media",
                List.of(Map.of("filename", "a.jpg", "content_type", "image/jpeg", "content", "this is *not* base64!")));
        HttpResponse<String> response = alice.post("/messages/send", Json.write(body));
        assertRefused(response, 400, "media[0].content");
        assertThat(response.body()).contains("base64");
        var noContent = sms("media", List.of(Map.of("content_type", "image/jpeg")));
        assertRefused(alice.post("/messages/send", Json.write(noContent)), 400, "media[0].content");
        assertRefused(
                alice.post(
                        "/messages/send",
                        Json.write(sms("media", List.of(Map.of("content_type", "jpeg", "content", "AAAA"))))),
                400,
                "media[0].content_type");
    }

    @Test
    void tooMuchIsRefused() {
        assertRefused(alice.post("/messages/send", Json.write(sms("text", "x".repeat(1601)))), 400, "text");
        List<Map<String, String>> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(Map.of("content", "AAAA"));
        }
        assertRefused(alice.post("/messages/send", Json.write(sms("media", eleven))), 400, "media");
    }

    @Test
    void aBodyAnnouncedOverTheLimitIs413BeforeItIsSent() throws Exception {
        try (Socket socket = new Socket(fx.address.getAddress(), fx.address.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /messages/send HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: " + (HttpServer.Settings.DEFAULT_MAX_BODY_BYTES + 1)
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));

            assertThat(in.readLine()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
            String line;
            do {
                line = in.readLine();
            } while (!line.isEmpty());
            char[] body = new char[200];
            int read = in.read(body);
            assertThat(new String(body, 0, read)).isEqualTo("{\"error\":\"request body exceeds 33554432 bytes\"}");
        }
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefused() {
        assertThat(alice.post("/messages/send", "{\"from\":").statusCode()).isEqualTo(400);
        assertThat(alice.post("/messages/send", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(alice.send("POST", "/messages/send", (byte[]) null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aClientCannotSendFromAnotherClientsNumberOrInItsName() {
        assertRefused(alice.post("/messages/send", Json.write(sms("from", "+12505550300"))), 403, "from");
        assertRefused(alice.post("/messages/send", Json.write(sms("from", "+12505559999"))), 403, "from");
        assertRefused(alice.post("/messages/send", Json.write(sms("client_id", 424242))), 403, "client_id");
    }

    @Test
    void theCallersOwnClientIdIsAccepted() {
        long aliceId = fx.directory.clientByUsername("alice").orElseThrow().id();
        assertThat(alice.post("/messages/send", Json.write(sms("client_id", aliceId)))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void numbersThatAreNotNumbersAreNamed() {
        assertRefused(alice.post("/messages/send", Json.write(sms("to", "call me maybe"))), 400, "to");
        assertRefused(alice.post("/messages/send", Json.write(sms("from", "12"))), 400, "from");
    }

    @Test
    void anExternalRecipientNeedsACarrierOnTheSendersNumber() {
        HttpResponse<String> response = alice.post("/messages/send", Json.write(sms("to", "+14155550123")));
        assertRefused(response, 400, "from");
        assertThat(response.body()).contains("no carrier");
    }

    @Test
    void anOptedOutRecipientIsRefused() {
        fx.optOuts.optOut("+12505550100", "+12505550400");
        try {
            HttpResponse<String> response = alice.post("/messages/send", Json.write(sms()));
            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode body = Json.parse(response.body());
            assertThat(body.get("error").asText()).isEqualTo("recipient_opted_out");
            assertThat(body.get("message").asText()).contains("+12505550400");
        } finally {
            fx.optOuts.optIn("+12505550100", "+12505550400");
        }
    }

    @Test
    void mediaUrlsAreFetchedWithTheirContentType() {
        mediaHost.alwaysReply(new Reply(200, "image/jpeg; charset=binary", JPEG));
        HttpResponse<String> response = dave.post(
                "/messages/send",
                Json.write(Map.of(
                        "from",
                        "+12505550400",
                        "to",
                        "+12505550100",
                        "text",
                        "look",
                        "media_urls",
                        List.of(mediaHost.url("/files/cat.jpg")),
                        "messaging_profile_id",
                        "ignored")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Message stored = fx.stored(Json.parse(response.body()).get("id").asText());
        assertThat(stored.type()).isEqualTo(MessageType.MMS);
        MediaPart part = stored.media().get(0);
        assertThat(part.filename()).isEqualTo("cat.jpg");
        assertThat(part.contentType()).isEqualTo("image/jpeg");
        assertThat(part.content()).isEqualTo(JPEG);
    }

    @Test
    void genericMediaByUrlIsFetchedInOrderBesideInlineContentAndGivenTypesWin() {
        mediaHost.alwaysReply(new Reply(200, "application/octet-stream", JPEG));
        HttpResponse<String> response = alice.post(
                "/messages/send",
                Json.write(sms(
                        "media",
                        List.of(
                                Map.of("filename", "inline.gif", "content_type", "image/gif", "content", "R0lGODlh"),
                                Map.of(
                                        "url",
                                        mediaHost.url("/files/photo"),
                                        "content_type",
                                        "image/jpeg",
                                        "filename",
                                        "cat.jpg"),
                                Map.of("url", mediaHost.url("/files/raw.bin"))))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        List<MediaPart> media =
                fx.stored(Json.parse(response.body()).get("id").asText()).media();
        assertThat(media).extracting(MediaPart::filename).containsExactly("inline.gif", "cat.jpg", "raw.bin");
        assertThat(media)
                .extracting(MediaPart::contentType)
                .containsExactly("image/gif", "image/jpeg", "application/octet-stream");
        assertThat(media.get(1).content()).isEqualTo(JPEG);
        assertRefused(
                alice.post("/messages/send", Json.write(sms("media", List.of(Map.of("url", "http://10.0.0.1/a.jpg"))))),
                400,
                "media[0].url");
    }

    @Test
    void telnyxEventShapedMediaIsFetched() {
        mediaHost.alwaysReply(new Reply(200, "image/jpeg", JPEG));
        HttpResponse<String> response = dave.post(
                "/messages/send",
                Json.write(Map.of(
                        "data",
                        Map.of(
                                "payload",
                                Map.of(
                                        "from", Map.of("phone_number", "+12505550400"),
                                        "to",
                                                List.of(
                                                        Map.of("phone_number", "+12505550100"),
                                                        Map.of("phone_number", "+12505550300")),
                                        "text", "look",
                                        "media",
                                                List.of(Map.of(
                                                        "url",
                                                        mediaHost.url("/files/dog.jpg"),
                                                        "content_type",
                                                        "image/jpeg")))))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Message stored = fx.stored(Json.parse(response.body()).get("id").asText());
        assertThat(stored.to()).as("the first recipient, as in Go").isEqualTo("+12505550100");
        assertThat(stored.text()).isEqualTo("look");
        assertThat(stored.media()).singleElement().satisfies(part -> {
            assertThat(part.filename()).isEqualTo("dog.jpg");
            assertThat(part.content()).isEqualTo(JPEG);
        });
    }

    @Test
    void mediaUrlsThatCannotBeFetchedAreNamed() {
        mediaHost.alwaysReply(new Reply(404, "text/plain", "gone".getBytes()));
        HttpResponse<String> missing = dave.post(
                "/messages/send",
                Json.write(Map.of(
                        "from",
                        "+12505550400",
                        "to",
                        "+12505550100",
                        "media_urls",
                        List.of(mediaHost.url("/gone.png")))));
        assertRefused(missing, 400, "media_urls[0]");
        assertThat(missing.body()).contains("HTTP 404");

        mediaHost.alwaysReply(new Reply(200, "image/png", new byte[100 * 1024]));
        HttpResponse<String> tooBig = dave.post(
                "/messages/send",
                Json.write(Map.of(
                        "from",
                        "+12505550400",
                        "to",
                        "+12505550100",
                        "media_urls",
                        List.of(mediaHost.url("/ok.png"), mediaHost.url("/big.png")))));
        assertRefused(tooBig, 400, "media_urls[0]");
        assertThat(tooBig.body()).contains("larger than 65536 bytes");

        HttpResponse<String> notHttp = dave.post(
                "/messages/send",
                Json.write(Map.of(
                        "from",
                        "+12505550400",
                        "to",
                        "+12505550100",
                        "media_urls",
                        List.of("ftp://example.com/a.png"))));
        assertRefused(notHttp, 400, "media_urls[0]");
    }

    @Test
    void aMediaHostThatNeverAnswersIsRefusedWithinTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HttpResponse<String> response = dave.post(
                    "/messages/send",
                    Json.write(Map.of(
                            "from",
                            "+12505550400",
                            "to",
                            "+12505550100",
                            "text",
                            "slow",
                            "media_urls",
                            List.of("http://127.0.0.1:" + silent.getLocalPort() + "/never.png"))));

            assertRefused(response, 400, "media_urls[0]");
            assertThat(Json.parse(response.body()).get("error").asText())
                    .isEqualTo("media_urls[0]: timed out after 500 ms");
        }
    }

    @Test
    void mediaUrlsIntoTheGatewaysNetworkAreRefusedNamingTheItemAndTheReason() {
        for (var refused : Map.of(
                        "http://10.0.0.1/a.jpg",
                        "media_urls[0]: address 10.0.0.1 is not allowed (private network)",
                        "http://169.254.169.254/latest/meta-data/iam",
                        "media_urls[0]: address 169.254.169.254 is not allowed (link-local, cloud metadata)",
                        "http://[fd12::1]/a.jpg",
                        "media_urls[0]: address fd12:0:0:0:0:0:0:1 is not allowed (private network, unique local)")
                .entrySet()) {
            HttpResponse<String> response = dave.post(
                    "/messages/send",
                    Json.write(Map.of(
                            "from", "+12505550400", "to", "+12505550100", "media_urls", List.of(refused.getKey()))));

            assertRefused(response, 400, "media_urls[0]");
            assertThat(Json.parse(response.body()).get("error").asText()).isEqualTo(refused.getValue());
        }
    }

    @Test
    void aBicomClientIsAnsweredInBicomsShape() {
        // Go: sendMessageHandler (web_server.go) answers bicom {"status":"success"|"error","message":…}.
        HttpResponse<String> sent = carol.post(
                "/messages/send", Json.write(Map.of("from", "+12505550300", "to", "+12505550400", "text", "hi")));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).isEqualTo("{\"status\":\"success\",\"message\":\"\"}");
        HttpResponse<String> noTo = carol.post("/messages", Json.write(Map.of("from", "+12505550300", "text", "hi")));
        assertThat(noTo.statusCode()).isEqualTo(400);
        assertThat(noTo.body()).isEqualTo("{\"status\":\"error\",\"message\":\"'to' field is required\"}");
        HttpResponse<String> notJson = carol.post("/messages", "{\"from\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body())
                .isEqualTo("{\"status\":\"error\",\"message\":\"Invalid Bicom format request body\"}");
        HttpResponse<String> notOwned =
                carol.post("/messages", Json.write(Map.of("from", "+12505550100", "to", "+12505550400", "text", "hi")));
        assertThat(notOwned.statusCode()).isEqualTo(403);
        assertThat(notOwned.body())
                .isEqualTo("{\"status\":\"error\",\"message\":\"You do not own the 'from' number\"}");
    }
}

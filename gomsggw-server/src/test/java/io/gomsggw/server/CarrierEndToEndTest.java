package io.gomsggw.server;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled gateway against stand-ins for Telnyx and Twilio (JDK HTTP servers answering with
 * the carriers' payload shapes): sends with retries and refusals, signed inbound webhooks with
 * media, and delivery reports flowing back to the sender.
 */
class CarrierEndToEndTest {
    private static final String API_KEY = "carrier-e2e-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};

    @TempDir
    Path workingDirectory;

    private final HttpClient http = HttpClient.newHttpClient();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final List<String> carrierRequests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<int[]> scriptedStatuses = new ConcurrentLinkedQueue<>();
    private HttpServer carrier;
    private Gateway gateway;

    CarrierEndToEndTest() throws Exception {}

    @BeforeEach
    void start() throws Exception {
        carrier = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        carrier.createContext("/v2/messages", exchange -> {
            carrierRequests.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int[] scripted = scriptedStatuses.poll();
            int status = scripted == null ? 200 : scripted[0];
            String body = switch (status) {
                case 200 ->
                    "{\"data\":{\"record_type\":\"message\",\"direction\":\"outbound\","
                            + "\"id\":\"40385f64-5717-4562-b3fc-2c963f66afa6\",\"type\":\"SMS\",\"to\":[{\"status\":\"queued\"}]}}";
                case 503 -> "{\"errors\":[{\"code\":\"10011\",\"title\":\"Service unavailable\"}]}";
                case 403 ->
                    "{\"errors\":[{\"code\":\"40300\",\"title\":\"Blocked due to STOP message\","
                            + "\"detail\":\"Messages cannot be sent from this number to the recipient due to an opt-out.\"}]}";
                default ->
                    "{\"errors\":[{\"code\":\"40310\",\"title\":\"Invalid 'to' address\","
                            + "\"detail\":\"The 'to' address should be in E.164 format.\"}]}";
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        carrier.createContext("/2010-04-01/", exchange -> {
            carrierRequests.add("twilio " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = "{\"sid\":\"SM0f1e2d3c4b5a69788796a5b4c3d2e1f0\",\"status\":\"queued\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        carrier.createContext("/media/", exchange -> {
            boolean png = exchange.getRequestURI().getPath().endsWith(".png");
            carrierRequests.add("media " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().set("Content-Type", png ? "image/png" : "image/jpeg");
            byte[] bytes = png ? PNG : JPEG;
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        carrier.start();
        // no video here: spare each gateway of the test its video and audio worker process
        GatewayConfig config = new ConfigLoader("carrier-e2e", 2)
                .load(
                        Map.of(
                                "API_KEY",
                                API_KEY,
                                "WEB_LISTEN",
                                "127.0.0.1:0",
                                "PROMETHEUS_LISTEN",
                                "127.0.0.1:0",
                                "SMPP_LISTEN",
                                "127.0.0.1:0",
                                "MM4_LISTEN",
                                "127.0.0.1:0",
                                "SERVER_ADDRESS",
                                "https://gw.example.com",
                                "CARRIER_RETRY_DELAY_SECS",
                                "0",
                                "TRANSCODER_AV_WORKERS",
                                "0",
                                // the stand-in carrier serves its media on loopback
                                "MEDIA_FETCH_ALLOWED_NETWORKS",
                                "127.0.0.0/8"),
                        workingDirectory);
        gateway = Gateway.start(
                config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        gateway.close();
        carrier.stop(0);
        receiver.close();
    }

    private String base() {
        return "http://127.0.0.1:" + gateway.webAddress().getPort();
    }

    private String carrierBase() {
        return "http://127.0.0.1:" + carrier.getAddress().getPort();
    }

    private JsonNode setUp(String type, String username, String password) throws Exception {
        HttpProbe admin = new HttpProbe(base(), API_KEY);
        Map<String, String> fields = new TreeMap<>(
                Map.of("name", type + "-main", "type", type, "password", password, "base_url", carrierBase()));
        if (username != null) {
            fields.put("username", username);
        }
        HttpProbe.Reply created = admin.post("/carriers", JSON.writeValueAsString(fields));
        assertThat(created.status()).isEqualTo(201);
        long client = admin.post("/clients", "{\"username\":\"shop\",\"password\":\"pw-shop\",\"type\":\"web\"}")
                .body()
                .get("id")
                .asLong();
        admin.put("/clients/" + client + "/settings", "{\"default_webhook\":\"" + receiver.url("/shop") + "\"}");
        assertThat(admin.post(
                                "/clients/" + client + "/numbers",
                                "{\"number\":\"+14155550100\",\"carrier\":\"" + type + "-main\"}")
                        .status())
                .isEqualTo(201);
        return created.body();
    }

    private HttpProbe shop() {
        return new HttpProbe(base(), "shop", "pw-shop");
    }

    private String status(String id) throws Exception {
        return shop().get("/messages/" + id).body().get("status").asText();
    }

    @Test
    void telnyxRetriesTwo503sThenSendsOnceAndItsReportsFlowBack() throws Exception {
        JsonNode telnyx = setUp("telnyx", null, "KEY0123");
        scriptedStatuses.add(new int[] {503});
        scriptedStatuses.add(new int[] {503});

        String id = shop().post(
                        "/messages/send",
                        "{\"from\":\"+14155550100\",\"to\":\"+13125550001\",\"text\":\"your order shipped\"}")
                .body()
                .get("id")
                .asText();
        await("sent", () -> "sent".equals(unchecked(() -> status(id))));

        assertThat(carrierRequests).hasSize(3).allSatisfy(request -> {
            assertThat(request).startsWith("Bearer KEY0123 ");
            JsonNode body = unchecked(() -> JSON.readTree(request.substring("Bearer KEY0123 ".length())));
            assertThat(body.get("from").asText()).isEqualTo("+14155550100");
            assertThat(body.get("to").asText()).isEqualTo("+13125550001");
            assertThat(body.get("text").asText()).isEqualTo("your order shipped");
        });

        String finalized = """
                {"data":{"event_type":"message.finalized","id":"e1","occurred_at":"2026-01-01T00:00:00Z",
                 "payload":{"id":"40385f64-5717-4562-b3fc-2c963f66afa6","direction":"outbound",
                  "to":[{"phone_number":"+13125550001","status":"delivered"}],"errors":[]}}}""";
        assertThat(postInbound("/inbound/" + telnyx.get("uuid").asText(), "application/json", finalized, Map.of())
                        .statusCode())
                .isEqualTo(200);
        await("delivered", () -> "delivered".equals(unchecked(() -> status(id))));
        await(
                "the delivered status webhook",
                () -> receiver.where("id", id).stream()
                        .anyMatch(b -> "delivered".equals(b.path("status").asText())));
    }

    /**
     * A photo that goes out as it came in is published by reference to the stored message (no copy in the
     * media table): the link the carrier gets serves the very bytes sent.
     */
    @Test
    void anMmsPhotoSentAsItCameIsServedFromTheStoredMessage() throws Exception {
        setUp("telnyx", null, "KEY0123");
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0x336699);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        byte[] photo = jpeg.toByteArray();

        String id = shop().post(
                        "/messages/send",
                        "{\"from\":\"+14155550100\",\"to\":\"+13125550001\",\"text\":\"a photo\",\"media\":["
                                + "{\"filename\":\"p.jpg\",\"content_type\":\"image/jpeg\",\"content\":\""
                                + Base64.getEncoder().encodeToString(photo) + "\"}]}")
                .body()
                .get("id")
                .asText();
        await("sent", () -> "sent".equals(unchecked(() -> status(id))));

        JsonNode sent = JSON.readTree(carrierRequests.get(0).substring("Bearer KEY0123 ".length()));
        String link = sent.get("media_urls").get(0).asText();
        assertThat(link).startsWith("https://gw.example.com/media/");
        HttpResponse<byte[]> fetched = http.send(
                HttpRequest.newBuilder(URI.create(base() + link.substring("https://gw.example.com".length())))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(fetched.body()).isEqualTo(photo);
    }

    @Test
    void telnyxRefusalIsFinalWithTheCarriersText() throws Exception {
        setUp("telnyx", null, "KEY0123");
        scriptedStatuses.add(new int[] {400});
        String id = shop().post("/messages/send", "{\"from\":\"+14155550100\",\"to\":\"+13125550001\",\"text\":\"x\"}")
                .body()
                .get("id")
                .asText();
        await("failed", () -> "failed".equals(unchecked(() -> status(id))));
        assertThat(shop().get("/messages/" + id).body().get("error").asText())
                .contains("The 'to' address should be in E.164 format.");
        assertThat(carrierRequests).hasSize(1);
    }

    @Test
    void aRecipientWhoOptedOutAtTheCarrierIsRefusedFromThenOn() throws Exception {
        setUp("telnyx", null, "KEY0123");
        scriptedStatuses.add(new int[] {403});
        String id = shop().post(
                        "/messages/send", "{\"from\":\"+14155550100\",\"to\":\"+13125550001\",\"text\":\"promo\"}")
                .body()
                .get("id")
                .asText();
        await("failed", () -> "failed".equals(unchecked(() -> status(id))));
        assertThat(shop().get("/messages/" + id).body().get("error").asText()).startsWith("opted_out");

        HttpProbe.Reply refused = shop().post(
                        "/messages/send",
                        "{\"from\":\"+14155550100\",\"to\":\"+13125550001\",\"text\":\"promo again\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("error").asText()).isEqualTo("recipient_opted_out");
        assertThat(carrierRequests).hasSize(1);
    }

    @Test
    void telnyxInboundWithMediaReachesTheOwner() throws Exception {
        JsonNode telnyx = setUp("telnyx", null, "KEY0123");
        String received = """
                {"data":{"event_type":"message.received","id":"b301ed3f","occurred_at":"2026-01-01T00:00:00Z",
                 "payload":{"id":"84cca175","direction":"inbound","type":"MMS","text":"Look at this – café ☕",
                  "from":{"phone_number":"+13125550001"},"to":[{"phone_number":"+14155550100"}],
                  "media":[{"url":"%s/media/photo.jpg","content_type":"image/jpeg"}],
                  "received_at":"2026-01-01T00:00:00Z"}}}""".formatted(carrierBase());
        assertThat(postInbound("/inbound/" + telnyx.get("name").asText(), "application/json", received, Map.of())
                        .statusCode())
                .isEqualTo(200);
        await(
                "the owner's webhook",
                () -> !receiver.where("text", "Look at this – café ☕").isEmpty());
        JsonNode body = receiver.where("text", "Look at this – café ☕").get(0);
        assertThat(body.get("from").asText()).isEqualTo("+13125550001");
        assertThat(body.get("type").asText()).isEqualTo("mms");
        assertThat(Base64.getDecoder().decode(body.at("/media/0/base64").asText()))
                .isEqualTo(JPEG);
    }

    @Test
    void twilioSignedInboundWithTwoMediaAndAStatusCallback() throws Exception {
        JsonNode twilio = setUp("twilio", "AC00000000000000000000000000000001", "auth-token-1");
        String path = "/inbound/" + twilio.get("uuid").asText();
        Map<String, String> form = new TreeMap<>(Map.of(
                "MessageSid",
                "MM4c5a2b9f8e7d6c5b4a39281706f5e4d3",
                "From",
                "+13125550001",
                "To",
                "+14155550100",
                "Body",
                "Two pictures",
                "NumMedia",
                "2",
                "MediaUrl0",
                carrierBase() + "/media/one.jpg",
                "MediaContentType0",
                "image/jpeg",
                "MediaUrl1",
                carrierBase() + "/media/two.png",
                "MediaContentType1",
                "image/png",
                "AccountSid",
                "AC00000000000000000000000000000001"));

        HttpResponse<String> forged = postInbound(
                path,
                "application/x-www-form-urlencoded",
                encode(form),
                Map.of("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl"));
        assertThat(forged.statusCode()).isEqualTo(401);

        HttpResponse<String> signed = postInbound(
                path,
                "application/x-www-form-urlencoded",
                encode(form),
                Map.of("X-Twilio-Signature", twilioSignature("auth-token-1", "https://gw.example.com" + path, form)));
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.headers().firstValue("content-type").orElse("")).contains("xml");
        assertThat(signed.body()).isEqualTo("<Response></Response>");

        await(
                "the owner's webhook",
                () -> !receiver.where("text", "Two pictures").isEmpty());
        JsonNode body = receiver.where("text", "Two pictures").get(0);
        assertThat(body.get("media")).hasSize(2);
        assertThat(Base64.getDecoder().decode(body.at("/media/1/base64").asText()))
                .isEqualTo(PNG);
        // Twilio media is fetched with the account's credentials... only from Twilio's own origin (the base_url).
        assertThat(carrierRequests)
                .filteredOn(r -> r.startsWith("media "))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r)
                        .endsWith("Basic "
                                + Base64.getEncoder()
                                        .encodeToString("AC00000000000000000000000000000001:auth-token-1"
                                                .getBytes(StandardCharsets.UTF_8))));

        String id = shop().post(
                        "/messages/send", "{\"from\":\"+14155550100\",\"to\":\"+13125550001\",\"text\":\"thanks\"}")
                .body()
                .get("id")
                .asText();
        await("sent", () -> "sent".equals(unchecked(() -> status(id))));
        assertThat(carrierRequests)
                .filteredOn(r -> r.startsWith("twilio "))
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .startsWith("twilio /2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json ")
                        .contains("To=%2B13125550001")
                        .contains("Body=thanks")
                        .contains("StatusCallback="
                                + URLEncoder.encode("https://gw.example.com" + path, StandardCharsets.UTF_8)));

        Map<String, String> callback = new TreeMap<>(Map.of(
                "MessageSid",
                "SM0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                "MessageStatus",
                "delivered",
                "AccountSid",
                "AC00000000000000000000000000000001"));
        assertThat(postInbound(
                                path,
                                "application/x-www-form-urlencoded",
                                encode(callback),
                                Map.of(
                                        "X-Twilio-Signature",
                                        twilioSignature("auth-token-1", "https://gw.example.com" + path, callback)))
                        .statusCode())
                .isEqualTo(200);
        await("delivered", () -> "delivered".equals(unchecked(() -> status(id))));
    }

    private HttpResponse<String> postInbound(String path, String contentType, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(Map<String, String> form) {
        StringBuilder out = new StringBuilder();
        form.forEach((name, value) -> out.append(out.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** Twilio's documented algorithm, written here independently of the adapter. */
    private static String twilioSignature(String token, String url, Map<String, String> sortedParams) throws Exception {
        StringBuilder data = new StringBuilder(url);
        sortedParams.forEach((name, value) -> data.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private interface Check<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(Check<T> check) {
        try {
            return check.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

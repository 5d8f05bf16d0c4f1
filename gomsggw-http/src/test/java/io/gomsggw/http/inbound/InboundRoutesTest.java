package io.gomsggw.http.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import io.gomsggw.core.store.MessageQuery;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.http.testing.Json;
import io.gomsggw.http.testing.MessagingFixture;
import io.gomsggw.http.testing.WebhookReceiver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /inbound/{carrier}} with a stand-in adapter whose "signature" is the Authorization
 * header {@code Signature good}, and whose body lines are {@code in|from|to|text|media-url…} or
 * {@code status|carrier-id|delivered}.
 */
class InboundRoutesTest {
    private final MessagingFixture fx = new MessagingFixture();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final List<WebhookRequest> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        receiver.close();
        fx.close();
    }

    private final CarrierAdapter adapter = new CarrierAdapter() {
        @Override
        public String name() {
            return "acme";
        }

        @Override
        public CompletionStage<SendOutcome> send(Message message, List<String> mediaUrls) {
            return CompletableFuture.completedFuture(new SendOutcome.Accepted("acme-" + message.id()));
        }

        @Override
        public Map<String, String> mediaFetchHeaders(WebhookResult.MediaRef ref) {
            return Map.of("Authorization", "Basic YWNtZTpzZWNyZXQ=");
        }

        @Override
        public WebhookResult handleWebhook(WebhookRequest request) {
            seen.add(request);
            if (!"Signature good".equals(request.header("Authorization"))) {
                return new WebhookResult.Unauthorized("bad signature");
            }
            List<WebhookResult.InboundMessage> inbound = new ArrayList<>();
            List<WebhookResult.StatusUpdate> statuses = new ArrayList<>();
            for (String line : new String(request.body(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\\|");
                if (f[0].equals("in")) {
                    List<WebhookResult.MediaRef> media = new ArrayList<>();
                    for (int i = 4; i < f.length; i++) {
                        media.add(new WebhookResult.MediaRef(f[i], "image/png", false));
                    }
                    inbound.add(new WebhookResult.InboundMessage(
                            "acme-in-" + f[2], f[1], f[2], f[3], media, Instant.now()));
                } else if (f[0].equals("status")) {
                    statuses.add(new WebhookResult.StatusUpdate(f[1], MessageStatus.DELIVERED, null));
                } else {
                    return new WebhookResult.Malformed("unknown line '" + f[0] + "'");
                }
            }
            return new WebhookResult.Accepted(inbound, statuses, "text/xml", "<Response></Response>");
        }
    };

    private HttpResponse<String> post(String carrierKey, String signature, String body) {
        return fx.anonymous()
                .authorization(signature)
                .send("POST", "/inbound/" + carrierKey, body.getBytes(StandardCharsets.UTF_8));
    }

    private long storedMessages() {
        return fx.stores
                .messages()
                .search(new MessageQuery(null, null, null, null, null, null, null, 1, 1))
                .total();
    }

    @Test
    void aSignedTextMessageIsStoredBeforeTheAnswerAndReachesTheOwnersWebhook() {
        fx.carrier("acme", adapter);
        Client owner = fx.webClient("shop", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/shop")));
        fx.number(owner, "+12505550100", "acme", null);

        HttpResponse<String> answer = post("acme-uuid", "Signature good", "in|+16045550001|12505550100|hello shop");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type")).contains("text/xml");
        assertThat(answer.body()).isEqualTo("<Response></Response>");
        assertThat(storedMessages()).isEqualTo(1);
        Eventually.await(
                "the owner's webhook", () -> receiver.receivedAt("/shop").size() == 1);
        JsonNode body = Json.parse(receiver.receivedAt("/shop").get(0).text());
        assertThat(body.get("from").asText()).isEqualTo("+16045550001");
        assertThat(body.get("to").asText()).isEqualTo("+12505550100");
        assertThat(body.get("text").asText()).isEqualTo("hello shop");
        assertThat(seen).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/inbound/acme-uuid"));
    }

    @Test
    void theCarrierMayBeNamedInsteadOfItsUuidAndTheRawQueryReachesTheAdapter() {
        fx.carrier("acme", adapter);
        assertThat(fx.anonymous()
                        .authorization("Signature good")
                        .send("POST", "/inbound/acme?foo=1&bar=a%20b", "".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(400); // the empty line is malformed for this adapter: it was reached
        assertThat(seen).singleElement().satisfies(r -> assertThat(r.query()).isEqualTo("foo=1&bar=a%20b"));
    }

    @Test
    void aBadSignatureIs401AndChangesNothing() {
        fx.carrier("acme", adapter);
        Client owner = fx.webClient("shop", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/shop")));
        fx.number(owner, "+12505550100", "acme", null);

        HttpResponse<String> answer = post("acme-uuid", "Signature forged", "in|+16045550001|+12505550100|hi");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(Json.parse(answer.body()).get("error").asText()).isEqualTo("invalid signature");
        assertThat(storedMessages()).isZero();
    }

    @Test
    void anUnknownCarrierIs404() {
        assertThat(post("nobody", "Signature good", "in|+16045550001|+12505550100|hi")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aDeliveryReportUpdatesTheMessageTheCarrierSent() throws Exception {
        fx.carrier("acme", adapter);
        Client owner = fx.webClient("shop", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/shop")));
        fx.number(owner, "+12505550100", "acme", null);
        var sent = fx.as(owner)
                .post(
                        "/messages/send",
                        "{\"from\":\"+12505550100\",\"to\":\"+16045550001\",\"text\":\"order shipped\"}");
        String id = Json.parse(sent.body()).get("id").asText();
        Eventually.await(
                "sent", () -> fx.stores.messages().find(id).orElseThrow().status() == MessageStatus.SENT);

        assertThat(post("acme-uuid", "Signature good", "status|acme-" + id + "|delivered")
                        .statusCode())
                .isEqualTo(200);

        Eventually.await(
                "delivered", () -> fx.stores.messages().find(id).orElseThrow().status() == MessageStatus.DELIVERED);
    }

    @Test
    void mediaIsFetchedAfterTheAnswerWithTheCarriersHeadersWhichNeverFollowARedirect() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer mediaHost = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        mediaHost.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            if (exchange.getRequestURI().getPath().equals("/api/cat.png")) {
                exchange.getResponseHeaders().set("Location", "/cdn/cat.png");
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, png.length);
                exchange.getResponseBody().write(png);
            }
            exchange.close();
        });
        mediaHost.start();
        try {
            fx.carrier("acme", adapter);
            Client owner = fx.webClient("shop", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/shop")));
            fx.number(owner, "+12505550100", "acme", null);

            HttpResponse<String> answer = post(
                    "acme-uuid",
                    "Signature good",
                    "in|+16045550001|+12505550100|look|http://127.0.0.1:"
                            + mediaHost.getAddress().getPort() + "/api/cat.png");

            assertThat(answer.statusCode()).isEqualTo(200);
            Eventually.await(
                    "the owner's webhook", () -> receiver.receivedAt("/shop").size() == 1);
            JsonNode body = Json.parse(receiver.receivedAt("/shop").get(0).text());
            assertThat(body.get("type").asText()).isEqualTo("mms");
            assertThat(body.at("/media/0/filename").asText()).isEqualTo("cat.png");
            assertThat(body.at("/media/0/content_type").asText()).isEqualTo("image/png");
            assertThat(Base64.getDecoder().decode(body.at("/media/0/base64").asText()))
                    .isEqualTo(png);
            assertThat(authorizations).containsExactly("/api/cat.png Basic YWNtZTpzZWNyZXQ=", "/cdn/cat.png null");
        } finally {
            mediaHost.stop(0);
        }
    }

    @Test
    void mediaLinksIntoTheGatewaysNetworkAreNotFetchedAndTheMessageArrivesWithoutThem() {
        fx.carrier("acme", adapter);
        Client owner = fx.webClient("shop", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/shop")));
        fx.number(owner, "+12505550100", "acme", null);

        HttpResponse<String> answer = post(
                "acme-uuid",
                "Signature good",
                "in|+16045550001|+12505550100|look|http://169.254.169.254/latest/meta-data/|http://10.9.8.7/x.png");

        assertThat(answer.statusCode()).isEqualTo(200);
        Eventually.await(
                "the owner's webhook", () -> receiver.receivedAt("/shop").size() == 1);
        JsonNode body = Json.parse(receiver.receivedAt("/shop").get(0).text());
        assertThat(body.get("text").asText()).isEqualTo("look");
        assertThat(body.path("media")).isEmpty();
    }
}

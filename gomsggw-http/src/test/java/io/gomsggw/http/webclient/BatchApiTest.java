package io.gomsggw.http.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.http.TestHttp;
import io.gomsggw.http.testing.Json;
import io.gomsggw.http.testing.MessagingFixture;
import io.gomsggw.http.testing.WebhookReceiver;
import io.gomsggw.http.webhook.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /messages/batch} over HTTP: JSON and CSV uploads (real spreadsheet exports from
 * {@code src/test/resources/batches}: Excel's "CSV UTF-8" with its byte order mark and CRLF, written
 * byte for byte as Excel writes it, and its plain Windows-1252 "CSV"), per-row errors, the size
 * limit, status, listing, cancelling, the limit check and the signed completion webhook.
 */
class BatchApiTest {
    private static final String FROM = "+12505550100";

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final RecordingCarrier carrier = new RecordingCarrier();
    private MessagingFixture fx;
    private Client shop;
    private TestHttp http;

    @BeforeEach
    void gateway() {
        fx = new MessagingFixture();
        fx.carrier("carrier", carrier);
        shop = fx.webClient(
                "shop",
                MessagingFixture.settings(
                        ApiFormat.GENERIC,
                        AuthMethod.BASIC,
                        receiver.url("/shop"),
                        0,
                        new UsageLimits(0, 100, 0, 0, 0, 0)));
        fx.number(shop, FROM, "carrier", null);
        http = fx.as(shop);
    }

    @AfterEach
    void close() {
        fx.close();
        receiver.close();
    }

    @Test
    void aJsonBatchIsStoredAnsweredAndSent() {
        HttpResponse<String> accepted = http.post("/messages/batch", """
                {"from": "250-555-0100", "text_template": "Hi {{name}}, your code is {{code}}",
                 "throttle_per_second": 0,
                 "messages": [
                   {"to": "+14155551111", "variables": {"name": "Alice", "code": "A123"}},
                   {"to": "(415) 555-2222", "variables": {"name": "Bob", "code": 456}},
                   {"to": "+14155553333", "text": "Custom message for Carol"}]}""");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode answer = Json.parse(accepted.body());
        assertThat(answer.path("status").asText()).isEqualTo("pending");
        assertThat(answer.path("total_count").asInt()).isEqualTo(3);
        assertThat(answer.has("errors")).isFalse();
        String id = answer.path("id").asText();
        JsonNode done = awaitFinal(id);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("sent_count").asInt()).isEqualTo(3);
        assertThat(done.path("from_number").asText()).isEqualTo(FROM);
        assertThat(done.path("throttle_per_second").asInt()).isZero();
        assertThat(done.path("max_retry_mins").asInt()).isEqualTo(60);
        assertThat(done.has("errors")).isFalse();

        HttpResponse<String> rows = http.get("/messages/batch/" + id + "/messages?per_page=2");
        assertThat(rows.headers().firstValue("X-Total-Count")).contains("3");
        assertThat(rows.headers().firstValue("X-Per-Page")).contains("2");
        JsonNode first = Json.parse(rows.body()).get(0);
        assertThat(first.path("index").asInt()).isZero();
        assertThat(first.path("to").asText()).isEqualTo("+14155551111");
        assertThat(first.path("text").asText()).isEqualTo("Hi Alice, your code is A123");
        assertThat(first.path("status").asText()).isEqualTo("sent");
        assertThat(first.path("batch_job_id").asText()).isEqualTo(id);
        JsonNode message =
                Json.parse(http.get("/messages/" + first.path("id").asText()).body());
        assertThat(message.path("text").asText()).isEqualTo("Hi Alice, your code is A123");
        Eventually.await("carrier got three", () -> carrier.sent.size() == 3);
        assertThat(carrier.sent).extracting(Message::text).contains("Hi Bob, your code is 456");
    }

    @Test
    void anExcelCsvUtf8ExportIsReadAsTheSpreadsheetShowsIt() {
        HttpResponse<String> accepted = upload(
                "excel-utf8.csv",
                Map.of(
                        "from",
                        FROM,
                        "throttle_per_second",
                        "0",
                        "text_template",
                        "Hi {{First Name}}, see you {{Appointment}} at {{Clinic}}"));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = Json.parse(accepted.body()).path("id").asText();
        assertThat(Json.parse(accepted.body()).path("total_count").asInt())
                .as("blank rows skipped")
                .isEqualTo(3);
        awaitFinal(id);
        List<JsonNode> rows = rows(id);
        assertThat(rows)
                .extracting(r -> r.path("to").asText())
                .containsExactly("+16045550101", "+16045550102", "+16045550103");
        assertThat(rows)
                .extracting(r -> r.path("text").asText())
                .containsExactly(
                        "Hi Zoë, see you Mon 9:00, room 2 at Ash & Oak",
                        "Hi Renée \"Rae\", see you Tue 10:30 at Main St,\nsecond floor",
                        "Hi Ōtani, see you Wed 14:00 at Élan \uD83E\uDDB7");
    }

    @Test
    void aWindows1252ExportIsReadToo() {
        HttpResponse<String> accepted =
                upload("excel-windows-1252.csv", Map.of("from", FROM, "text_template", "Bonjour {{first name}}"));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        List<JsonNode> rows = rows(Json.parse(accepted.body()).path("id").asText());
        assertThat(rows)
                .extracting(r -> r.path("text").asText())
                .containsExactly("Bonjour Zoë", "Bonjour Renée \"Rae\"");
    }

    @Test
    void quotedFieldsAreKeptWholeAndBadRowsAreReportedByIndex() {
        HttpResponse<String> accepted = upload("quoted-lf.csv", Map.of("from", FROM, "throttle_per_second", "0"));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode answer = Json.parse(accepted.body());
        assertThat(answer.path("total_count").asInt()).isEqualTo(5);
        assertThat(answer.path("invalid_count").asInt()).isEqualTo(2);
        JsonNode errors = answer.path("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).path("index").asInt()).isEqualTo(3);
        assertThat(errors.get(0).path("to").asText()).isEqualTo("not-a-number");
        assertThat(errors.get(0).path("code").asInt()).isEqualTo(400);
        assertThat(errors.get(1).path("index").asInt()).isEqualTo(4);
        assertThat(errors.get(1).path("error").asText()).contains("no message text");
        String id = answer.path("id").asText();
        JsonNode done = awaitFinal(id);
        assertThat(done.path("sent_count").asInt()).isEqualTo(3);
        assertThat(done.path("failed_count").asInt()).isEqualTo(2);
        assertThat(done.path("errors")).hasSize(2);
        assertThat(rows(id).subList(0, 3))
                .extracting(r -> r.path("text").asText())
                .containsExactly("Hello, world", "She said \"hi\"", "Line one\nLine two");
    }

    @Test
    void moreThanTenThousandRowsIs413AndTenThousandIsAccepted() {
        StringBuilder csv = new StringBuilder("phone,message\r\n");
        for (int i = 0; i < 10_001; i++) {
            csv.append("+1604")
                    .append(String.format("%07d", 5_550_000 + i))
                    .append(",Hello ")
                    .append(i)
                    .append("\r\n");
        }
        byte[] tooMany = csv.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = upload(tooMany, Map.of("from", FROM));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(Json.parse(refused.body()).path("error").asText())
                .isEqualTo("Batch size exceeds maximum of 10,000 messages");

        StringBuilder json = new StringBuilder("{\"from\":\"" + FROM + "\",\"messages\":[");
        for (int i = 0; i < 10_001; i++) {
            json.append(i == 0 ? "" : ",").append("{\"to\":\"+16045550000\",\"text\":\"x\"}");
        }
        assertThat(http.post("/messages/batch", json.append("]}").toString()).statusCode())
                .isEqualTo(413);

        int lastRow = csv.lastIndexOf("+1604");
        HttpResponse<String> accepted =
                upload(csv.substring(0, lastRow).getBytes(StandardCharsets.UTF_8), Map.of("from", FROM));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(Json.parse(accepted.body()).path("total_count").asInt()).isEqualTo(10_000);
        String id = Json.parse(accepted.body()).path("id").asText();
        assertThat(http.post("/messages/batch/" + id + "/cancel", "").statusCode())
                .isEqualTo(200);
    }

    @Test
    void badRequestsNameTheirField() {
        assertThat(http.post("/messages/batch", "{\"from\":\"" + FROM + "\",\"messages\":[]}")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> notOwned = http.post(
                "/messages/batch",
                "{\"from\":\"+12505559999\",\"messages\":[{\"to\":\"+16045550000\",\"text\":\"x\"}]}");
        assertThat(notOwned.statusCode()).isEqualTo(403);
        assertThat(Json.parse(notOwned.body()).path("error").asText())
                .isEqualTo("Client does not own the specified 'from' number");
        HttpResponse<String> defaultFrom = http.post(
                "/messages/batch",
                "{\"throttle_per_second\":0,\"messages\":[{\"to\":\"+16045550000\",\"text\":\"x\"}]}");
        assertThat(defaultFrom.statusCode())
                .as("the only number is the default")
                .isEqualTo(202);
        HttpResponse<String> throttle = http.post(
                "/messages/batch",
                "{\"throttle_per_second\":-1,\"messages\":[{\"to\":\"+16045550000\",\"text\":\"x\"}]}");
        assertThat(Json.parse(throttle.body()).path("field").asText()).isEqualTo("throttle_per_second");
        HttpResponse<String> webhook = http.post(
                "/messages/batch",
                "{\"webhook_url\":\"ftp://x\",\"messages\":[{\"to\":\"+16045550000\",\"text\":\"x\"}]}");
        assertThat(Json.parse(webhook.body()).path("field").asText()).isEqualTo("webhook_url");
        HttpResponse<String> allBad = http.post("/messages/batch", "{\"messages\":[{\"to\":\"nope\",\"text\":\"x\"}]}");
        assertThat(allBad.statusCode()).isEqualTo(400);
        assertThat(Json.parse(allBad.body()).path("errors").get(0).path("index").asInt())
                .isZero();
        HttpResponse<String> noHeader = upload("to\n".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(noHeader.statusCode()).isEqualTo(400);
        HttpResponse<String> noTo = upload("name,text\nx,y\n".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(Json.parse(noTo.body()).path("error").asText()).contains("'to'");
        HttpResponse<String> unclosed =
                upload("to,text\n+16045550000,\"never closed\n".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(unclosed.statusCode()).isEqualTo(400);
        assertThat(fx.anonymous().get("/messages/batch").statusCode()).isEqualTo(401);
    }

    @Test
    void jobsAreListedNewestFirstWithFiltersAndPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(Json.parse(http.post(
                                    "/messages/batch",
                                    "{\"throttle_per_second\":0,\"messages\":[{\"to\":"
                                            + "\"+16045550000\",\"text\":\"x\"}]}")
                            .body())
                    .path("id")
                    .asText());
            fx.clock.advance(Duration.ofSeconds(1));
        }
        ids.forEach(this::awaitFinal);

        HttpResponse<String> page = http.get("/messages/batch?per_page=2&status=completed");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Total-Count")).contains("3");
        assertThat(page.headers().firstValue("X-Page")).contains("1");
        assertThat(Json.parse(page.body()))
                .extracting(j -> j.path("id").asText())
                .containsExactly(ids.get(2), ids.get(1));
        assertThat(Json.parse(http.get("/messages/batch?page=2&per_page=2").body()))
                .extracting(j -> j.path("id").asText())
                .containsExactly(ids.get(0));
        assertThat(Json.parse(http.get("/messages/batch?status=failed").body())).isEmpty();
        assertThat(Json.parse(http.get("/messages/batch?since=" + Instant.now().plus(Duration.ofDays(2)))
                        .body()))
                .isEmpty();
        assertThat(http.get("/messages/batch?status=done").statusCode()).isEqualTo(400);
        Client other = fx.webClient("other", MessagingFixture.settings(ApiFormat.GENERIC, null));
        assertThat(Json.parse(fx.as(other).get("/messages/batch").body())).isEmpty();
        assertThat(fx.as(other).get("/messages/batch/" + ids.get(0)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void rowsAndJobsCanBeCancelledUntilTaken() {
        String body = "{\"throttle_per_second\":1,\"messages\":["
                + String.join(",", java.util.Collections.nCopies(5, "{\"to\":\"+16045550000\",\"text\":\"x\"}")) + "]}";
        String id =
                Json.parse(http.post("/messages/batch", body).body()).path("id").asText();
        Eventually.await(
                "first row sent", () -> rows(id).get(0).path("status").asText().equals("sent"));
        List<JsonNode> rows = rows(id);

        HttpResponse<String> tooLate = http.delete(
                "/messages/batch/" + id + "/messages/" + rows.get(0).path("id").asText());
        assertThat(tooLate.statusCode()).isEqualTo(409);
        assertThat(Json.parse(tooLate.body()).path("error").asText()).isEqualTo("Message cannot be cancelled");
        assertThat(Json.parse(tooLate.body()).path("status").asText()).isEqualTo("sent");
        HttpResponse<String> one = http.delete(
                "/messages/batch/" + id + "/messages/" + rows.get(4).path("id").asText());
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(Json.parse(one.body()).path("status").asText()).isEqualTo("cancelled");
        assertThat(http.delete("/messages/batch/" + id + "/messages/nope").statusCode())
                .isEqualTo(404);

        HttpResponse<String> job = http.post("/messages/batch/" + id + "/cancel", "");
        assertThat(job.statusCode()).isEqualTo(200);
        JsonNode cancelled = Json.parse(job.body());
        assertThat(cancelled.path("message").asText()).isEqualTo("Batch job cancelled");
        assertThat(cancelled.path("job_id").asText()).isEqualTo(id);
        assertThat(cancelled.path("cancelled_count").asInt()
                        + cancelled.path("sent_count").asInt())
                .isBetween(3, 4);
        HttpResponse<String> again = http.post("/messages/batch/" + id + "/cancel", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Json.parse(again.body()).path("status").asText()).isEqualTo("cancelled");
        assertThat(Json.parse(again.body()).path("detail").asText()).isEqualTo("Job is already 'cancelled'");
    }

    @Test
    void theCheckSaysWhetherABatchFitsTheLimits() {
        JsonNode fits =
                Json.parse(http.post("/messages/batch/check", "{\"from\":\"" + FROM + "\",\"message_count\":100}")
                        .body());
        assertThat(fits.path("allowed").asBoolean()).isTrue();
        assertThat(fits.path("msg_type").asText()).isEqualTo("sms");
        assertThat(fits.path("limits").path("daily").path("limit").asInt()).isEqualTo(100);
        assertThat(fits.path("limits").path("daily").path("remaining").asInt()).isEqualTo(100);
        assertThat(fits.path("limits").path("burst").path("remaining").isNull())
                .as("unlimited")
                .isTrue();
        assertThat(fits.path("number_limit").path("number").asText()).isEqualTo(FROM);

        JsonNode tooMany = Json.parse(
                http.post("/messages/batch/check", "{\"message_count\":101}").body());
        assertThat(tooMany.path("allowed").asBoolean()).isFalse();
        assertThat(tooMany.path("reason").asText())
                .isEqualTo("sms daily limit would be exceeded (100 remaining, 101 requested)");
        assertThat(http.post("/messages/batch/check", "{\"message_count\":0}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void theCompletionIsPostedSignedToTheWebhook() {
        String body = "{\"throttle_per_second\":0,\"webhook_url\":\"" + receiver.url("/done") + "\",\"messages\":["
                + "{\"to\":\"+16045550001\",\"text\":\"ok\"},{\"to\":\"bad\",\"text\":\"x\"}]}";
        String id =
                Json.parse(http.post("/messages/batch", body).body()).path("id").asText();

        Eventually.await("completion posted", () -> receiver.receivedAt("/done").size() == 1);

        WebhookReceiver.Received posted = receiver.receivedAt("/done").get(0);
        assertThat(WebhookSignature.verify(
                        MessagingFixture.PASSWORD,
                        posted.header(WebhookSignature.HEADER),
                        posted.body(),
                        Instant.now(),
                        Duration.ofMinutes(5)))
                .isTrue();
        JsonNode done = Json.parse(posted.body());
        assertThat(done.path("id").asText()).isEqualTo(id);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("total_count").asInt()).isEqualTo(2);
        assertThat(done.path("sent_count").asInt()).isEqualTo(1);
        assertThat(done.path("failed_count").asInt()).isEqualTo(1);
        assertThat(done.path("errors").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(done.path("completed_at").isTextual()).isTrue();
    }

    private JsonNode awaitFinal(String id) {
        JsonNode[] last = new JsonNode[1];
        Eventually.await("batch " + id + " final", () -> {
            last[0] = Json.parse(http.get("/messages/batch/" + id).body());
            String status = last[0].path("status").asText();
            return (status.equals("completed") || status.equals("failed") || status.equals("cancelled"))
                    && last[0].path("pending_count").asInt() == 0;
        });
        return last[0];
    }

    private List<JsonNode> rows(String id) {
        List<JsonNode> rows = new ArrayList<>();
        Json.parse(http.get("/messages/batch/" + id + "/messages?per_page=500").body())
                .forEach(rows::add);
        return rows;
    }

    private HttpResponse<String> upload(String resource, Map<String, String> fields) {
        try (InputStream in = getClass().getResourceAsStream("/batches/" + resource)) {
            return upload(in.readAllBytes(), fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> upload(byte[] file, Map<String, String> fields) {
        String boundary = "----gomsggw-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"contacts.csv\""
                        + "\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send("POST", "/messages/batch", body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    /** A carrier that accepts everything. */
    static final class RecordingCarrier implements CarrierAdapter {
        final List<Message> sent = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "carrier";
        }

        @Override
        public CompletionStage<SendOutcome> send(Message message, List<String> mediaUrls) {
            sent.add(message);
            return CompletableFuture.completedFuture(new SendOutcome.Accepted("c-" + message.id()));
        }

        @Override
        public WebhookResult handleWebhook(WebhookRequest request) {
            throw new UnsupportedOperationException();
        }
    }
}

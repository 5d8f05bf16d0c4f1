package io.gomsggw.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code bench batch}: uploads batches as CSV files ({@code multipart/form-data}, a row per
 * recipient, each to a different number so that no conversation orders them), one after the
 * other, and measures for each how long the gateway took to answer 202 (validate and store every
 * row) and how fast it then sent the rows: {@code sent_count} over the time from the job's
 * {@code created_at} to its {@code completed_at}, both by the gateway's clock. Rows leave through
 * whatever carrier the sender number has ({@code --setup}: a loopback carrier), so compare the
 * rows per second with {@code bench http} against the same gateway.
 */
final class BatchLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "----gomsggw-bench-batch";
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration DRAIN_DEADLINE = Duration.ofMinutes(30);

    /** One batch's figures. */
    record Run(int rows, Duration accept, int sent, Duration drain) {
        double rowsPerSecond() {
            return drain.isZero() ? 0 : sent / (drain.toNanos() / 1e9);
        }
    }

    private final BatchBenchOptions options;
    private final SendTarget target;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String authorization;

    BatchLoad(BatchBenchOptions options, SendTarget target, PrintStream out) {
        this.options = options;
        this.target = target;
        this.out = out;
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((target.username() + ":" + target.password()).getBytes(StandardCharsets.UTF_8));
    }

    List<Run> run() throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= options.batches(); i++) {
            Run run = one(i);
            out.printf(
                    "batch %d: rows=%d accepted (202) in %d ms; sent=%d in %.2f s = %.0f rows/s%n",
                    i,
                    run.rows(),
                    run.accept().toMillis(),
                    run.sent(),
                    run.drain().toNanos() / 1e9,
                    run.rowsPerSecond());
            runs.add(run);
        }
        return runs;
    }

    private Run one(int batch) throws IOException, InterruptedException {
        byte[] body = multipart(csv(batch));
        long start = System.nanoTime();
        HttpResponse<String> accepted = http.send(
                request("/messages/batch")
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Duration accept = Duration.ofNanos(System.nanoTime() - start);
        if (accepted.statusCode() != 202) {
            throw new IOException("POST /messages/batch answered " + accepted.statusCode() + " " + accepted.body());
        }
        String id = JSON.readTree(accepted.body()).path("id").asText();
        Instant giveUp = Instant.now().plus(DRAIN_DEADLINE);
        while (Instant.now().isBefore(giveUp)) {
            JsonNode job = JSON.readTree(
                    http.send(request("/messages/batch/" + id).GET().build(), HttpResponse.BodyHandlers.ofString())
                            .body());
            String status = job.path("status").asText();
            if ((status.equals("completed") || status.equals("failed"))
                    && job.path("pending_count").asInt() == 0) {
                Duration drain = Duration.between(
                        Instant.parse(job.path("created_at").asText()),
                        Instant.parse(job.path("completed_at").asText()));
                return new Run(options.rows(), accept, job.path("sent_count").asInt(), drain);
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IOException("batch " + id + " not done after " + DRAIN_DEADLINE.toMinutes() + " minutes");
    }

    /** {@code to,text}: row n goes to +1604 and seven digits from the batch's own block, so batches never share one. */
    String csv(int batch) {
        StringBuilder csv = new StringBuilder(options.rows() * 40).append("to,text\r\n");
        for (int row = 0; row < options.rows(); row++) {
            csv.append("+1604")
                    .append(String.format("%07d", (batch % 100) * 10_000 + row))
                    .append(",bench batch ")
                    .append(batch)
                    .append(" row ")
                    .append(row)
                    .append("\r\n");
        }
        return csv.toString();
    }

    private byte[] multipart(String csv) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(csv.length() + 1024);
        field(body, "from", target.from());
        field(body, "throttle_per_second", Integer.toString(options.throttle()));
        body.writeBytes(
                ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"bench.csv\"\r\n"
                                + "Content-Type: text/csv\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(csv.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static void field(ByteArrayOutputStream body, String name, String value) {
        body.writeBytes(
                ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        String prefix = options.url().getRawPath() == null ? "" : options.url().getRawPath();
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return HttpRequest.newBuilder(options.url().resolve(URI.create(prefix + path)))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization);
    }

    /** The median of the runs' accept times and rates, as a closing line. */
    static String summary(List<Run> runs) {
        List<Long> accepts =
                runs.stream().map(r -> r.accept().toMillis()).sorted().toList();
        List<Double> rates = runs.stream().map(Run::rowsPerSecond).sorted().toList();
        return String.format(
                "batches=%d median accept=%d ms median send rate=%.0f rows/s%n",
                runs.size(), accepts.get(accepts.size() / 2), rates.get(rates.size() / 2));
    }
}

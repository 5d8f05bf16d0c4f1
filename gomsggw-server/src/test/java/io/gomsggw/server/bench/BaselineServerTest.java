package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class BaselineServerTest {
    @Test
    void answersEverySendWithAcceptedAndAFreshIdOverOneKeepAliveConnection() throws Exception {
        try (BaselineServer server = BaselineServer.start(new InetSocketAddress("127.0.0.1", 0))) {
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI send = URI.create("http://127.0.0.1:" + server.address().getPort() + "/messages/send");
            HttpResponse<String> first = client.send(
                    HttpRequest.newBuilder(send)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+15550000002\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> second = client.send(
                    HttpRequest.newBuilder(send)
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(first.body()).startsWith("{\"id\":\"").endsWith("\",\"status\":\"queued\"}");
            assertThat(second.statusCode()).isEqualTo(202);
            assertThat(second.body()).isNotEqualTo(first.body());
        }
    }

    @Test
    void refusesAListenAddressWithoutAPort() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = new BenchCommand(
                        new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err))
                .run(java.util.List.of("baseline", "--listen", "localhost"));

        assertThat(status).isEqualTo(BenchCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("--listen: expected HOST:PORT");
    }
}

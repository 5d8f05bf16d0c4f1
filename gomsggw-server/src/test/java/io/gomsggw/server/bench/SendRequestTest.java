package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendRequestTest {
    @Test
    void postsTheGenericBodyWithTheClientsBasicCredentials() {
        BenchOptions options = BenchOptions.parse(List.of(
                "--url",
                "http://127.0.0.1:3001",
                "--username",
                "web1",
                "--password",
                "pa:ss",
                "--from",
                "+12505550001",
                "--to",
                "+12505550002",
                "--text",
                "say \"hi\""));
        SendRequest send = new SendRequest(options, options.target().orElseThrow());

        FullHttpRequest first = send.create();
        FullHttpRequest second = send.create();
        try {
            assertThat(first.method()).isEqualTo(HttpMethod.POST);
            assertThat(first.uri()).isEqualTo("/messages/send");
            assertThat(first.headers().get("Host")).isEqualTo("127.0.0.1:3001");
            assertThat(first.headers().get("Authorization")).isEqualTo("Basic d2ViMTpwYTpzcw==");
            assertThat(first.headers().get("Content-Type")).isEqualTo("application/json");
            String body = first.content().toString(StandardCharsets.UTF_8);
            assertThat(body)
                    .isEqualTo("{\"from\":\"+12505550001\",\"to\":\"+12505550002\",\"text\":\"say \\\"hi\\\"\"}");
            assertThat(first.headers().getInt("Content-Length")).isEqualTo(body.length());
            assertThat(second.content()).as("each request reads its own copy").isNotSameAs(first.content());
            assertThat(second.content().toString(StandardCharsets.UTF_8)).isEqualTo(body);
        } finally {
            first.release();
            second.release();
        }
    }
}

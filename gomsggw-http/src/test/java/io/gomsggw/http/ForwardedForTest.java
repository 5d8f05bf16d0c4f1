package io.gomsggw.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.net.CidrBlock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ForwardedForTest {
    private final ForwardedFor proxies = new ForwardedFor(
            List.of(CidrBlock.parse("10.0.0.0/8"), CidrBlock.parse("127.0.0.1"), CidrBlock.parse("fc00::/7")));

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    private String client(String peer, String... headers) throws UnknownHostException {
        return proxies.client(ip(peer), List.of(headers)).getHostAddress();
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() throws Exception {
        assertThat(client("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(ForwardedFor.NONE
                        .client(ip("127.0.0.1"), List.of("198.51.100.1"))
                        .getHostAddress())
                .isEqualTo("127.0.0.1");
    }

    @Test
    void theFirstUntrustedHopFromTheRightIsTheClient() throws Exception {
        assertThat(client("10.0.0.2", "198.51.100.1")).isEqualTo("198.51.100.1");
        // the client wrote the leftmost entry itself: not believed
        assertThat(client("10.0.0.2", "1.1.1.1, 198.51.100.1, 10.0.0.3")).isEqualTo("198.51.100.1");
        assertThat(client("10.0.0.2", "1.1.1.1", "198.51.100.1, 10.0.0.3")).isEqualTo("198.51.100.1");
    }

    @Test
    void proxiesWritingPortsAndIpv6AreRead() throws Exception {
        assertThat(client("10.0.0.2", "198.51.100.1:5100")).isEqualTo("198.51.100.1");
        assertThat(client("10.0.0.2", "[2001:db8::7]:5100")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(client("fd00::1", "2001:db8::7")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(client("::ffff:10.0.0.2", "198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void garbageEndsTheWalkAtTheLastTrustedHop() throws Exception {
        assertThat(client("10.0.0.2", "unknown")).isEqualTo("10.0.0.2");
        assertThat(client("10.0.0.2", "example.com, 10.0.0.3")).isEqualTo("10.0.0.3");
        assertThat(client("10.0.0.2", "")).isEqualTo("10.0.0.2");
        assertThat(client("10.0.0.2", "198.51.100.1/24")).isEqualTo("10.0.0.2");
    }

    @Test
    void onlyTrustedHopsMeansTheFarthestOne() throws Exception {
        assertThat(client("10.0.0.2", "10.0.0.9, 10.0.0.3")).isEqualTo("10.0.0.9");
    }

    @Test
    void handlersSeeTheForwardedAddressThroughATrustedProxyOnly() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2);
        JsonCodec json = new JsonCodec();
        RouteTable router = new RouteTable().get("/who", r -> json.ok(Map.of("remote", r.remoteAddress())));
        HttpClient http = HttpClient.newHttpClient();
        try (HttpServer trusting = new HttpServer(
                        router,
                        workers,
                        HttpServer.Settings.defaults().withTrustedProxies(List.of(CidrBlock.parse("127.0.0.0/8"))));
                HttpServer distrusting = new HttpServer(router, workers)) {
            InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            for (var server : List.of(
                    Map.entry(trusting.start(any), "198.51.100.1"), Map.entry(distrusting.start(any), "127.0.0.1"))) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + server.getKey().getPort() + "/who"))
                                .header("X-Forwarded-For", "198.51.100.1")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).isEqualTo("{\"remote\":\"" + server.getValue() + "\"}");
            }
        } finally {
            workers.shutdownNow();
        }
    }
}

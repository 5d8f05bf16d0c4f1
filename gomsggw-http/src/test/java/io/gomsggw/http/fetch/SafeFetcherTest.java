package io.gomsggw.http.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.net.CidrBlock;
import io.gomsggw.core.net.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * URLs that point into the gateway's own host or network are refused, whatever way they get
 * there: IP literals in any form, names that resolve there (at once or on a second lookup),
 * redirects. A MockWebServer on {@code 127.0.0.1} stands for the internal service an attacker is
 * after; it must never see a request unless loopback is allowed.
 */
class SafeFetcherTest {
    private static final SafeFetcher.Limits LIMITS = new SafeFetcher.Limits(1024, 1536, Duration.ofSeconds(5));

    private final MockWebServer internal = new MockWebServer();
    private final List<SafeFetcher> fetchers = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        internal.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        fetchers.forEach(SafeFetcher::close);
        internal.close();
    }

    private SafeFetcher fetcher(HostResolver resolver, String... allowed) {
        SafeFetcher fetcher = new SafeFetcher(
                new AddressPolicy(
                        java.util.Arrays.stream(allowed).map(CidrBlock::parse).toList()),
                resolver,
                new SafeFetcher.Settings(3, Duration.ofSeconds(2)));
        fetchers.add(fetcher);
        return fetcher;
    }

    private static SafeFetcher.Outcome fetch(SafeFetcher fetcher, String url) throws Exception {
        return fetch(fetcher, url, Map.of());
    }

    private static SafeFetcher.Outcome fetch(SafeFetcher fetcher, String url, Map<String, String> headers)
            throws Exception {
        return fetcher.fetchAll(List.of(new SafeFetcher.Item(url, headers)), LIMITS)
                .get(20, TimeUnit.SECONDS)
                .get(0);
    }

    private static String refusal(SafeFetcher.Outcome outcome) {
        assertThat(outcome).isInstanceOf(SafeFetcher.Outcome.Failed.class);
        return ((SafeFetcher.Outcome.Failed) outcome).reason();
    }

    /** A resolver for names of the tests; anything else is unknown. */
    private static HostResolver names(Map<String, String> addresses) {
        return host -> {
            String address = addresses.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    @Test
    void internalAddressesWrittenAsIpLiteralsAreRefused() throws Exception {
        SafeFetcher fetcher = fetcher(names(Map.of()));
        int port = internal.getPort();

        assertThat(refusal(fetch(fetcher, "http://127.0.0.1:" + port + "/x")))
                .isEqualTo("address 127.0.0.1 is not allowed (loopback)");
        assertThat(refusal(fetch(fetcher, "http://10.0.0.1/photo.jpg")))
                .isEqualTo("address 10.0.0.1 is not allowed (private network)");
        assertThat(refusal(fetch(fetcher, "http://169.254.169.254/latest/meta-data/")))
                .isEqualTo("address 169.254.169.254 is not allowed (link-local, cloud metadata)");
        assertThat(refusal(fetch(fetcher, "http://[::1]:" + port + "/x")))
                .isEqualTo("address 0:0:0:0:0:0:0:1 is not allowed (loopback)");
        assertThat(refusal(fetch(fetcher, "http://[::ffff:127.0.0.1]:" + port + "/x")))
                .isEqualTo("address 127.0.0.1 is not allowed (loopback)");
        assertThat(refusal(fetch(fetcher, "https://100.64.0.9/x")))
                .isEqualTo("address 100.64.0.9 is not allowed (carrier-grade NAT)");
        assertThat(refusal(fetch(fetcher, "http://[64:ff9b::a00:1]/x")))
                .isEqualTo("address 64:ff9b:0:0:0:0:a00:1 is not allowed (private network, NAT64)");
        assertThat(refusal(fetch(fetcher, "http://0.0.0.0:" + port + "/x")))
                .isEqualTo("address 0.0.0.0 is not allowed (unspecified)");
        assertThat(internal.getRequestCount()).isZero();
    }

    @Test
    void aNameThatResolvesToAnInternalAddressIsRefused() throws Exception {
        SafeFetcher fetcher = fetcher(names(Map.of("media.example", "127.0.0.1", "mixed.example", "10.1.2.3")));

        assertThat(refusal(fetch(fetcher, "http://media.example:" + internal.getPort() + "/x")))
                .isEqualTo("address 127.0.0.1 is not allowed (loopback)");
        assertThat(refusal(fetch(fetcher, "https://mixed.example/x")))
                .isEqualTo("address 10.1.2.3 is not allowed (private network)");
        assertThat(internal.getRequestCount()).isZero();
    }

    /**
     * DNS rebinding: a name that answers a harmless address to the first lookup and the internal one
     * to the next. The fetch resolves once and connects to what that lookup answered; the harmless
     * address is the (allowed) stand-in {@code 127.0.0.2}, where a public server listens.
     */
    @Test
    void aNameRebindingToAnInternalAddressAfterTheCheckReachesOnlyTheFirstAnswer() throws Exception {
        try (MockWebServer publicServer = new MockWebServer()) {
            publicServer.start(InetAddress.getByName("127.0.0.2"), internal.getPort());
            publicServer.enqueue(new MockResponse.Builder()
                    .addHeader("Content-Type", "image/png")
                    .body("public")
                    .build());
            AtomicInteger lookups = new AtomicInteger();
            HostResolver rebinding = host ->
                    new InetAddress[] {InetAddress.getByName(lookups.incrementAndGet() == 1 ? "127.0.0.2" : "127.0.0.1")
                    };
            SafeFetcher fetcher = fetcher(rebinding, "127.0.0.2/32");

            SafeFetcher.Outcome outcome = fetch(fetcher, "http://rebind.example:" + internal.getPort() + "/p.png");

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            SafeFetcher.Outcome.Fetched.class,
                            fetched -> assertThat(new String(fetched.body())).isEqualTo("public"));
            assertThat(lookups.get()).isEqualTo(1);
            assertThat(internal.getRequestCount()).isZero();
        }
    }

    @Test
    void aRedirectFromAnAllowedServerToAnInternalAddressIsRefused() throws Exception {
        try (MockWebServer publicServer = new MockWebServer()) {
            publicServer.start(InetAddress.getByName("127.0.0.2"), 0);
            publicServer.enqueue(redirect("http://127.0.0.1:" + internal.getPort() + "/secret"));
            publicServer.enqueue(redirect("http://metadata.example/latest/"));
            SafeFetcher fetcher = fetcher(names(Map.of("metadata.example", "169.254.169.254")), "127.0.0.2/32");

            assertThat(refusal(fetch(fetcher, publicServer.url("/a.jpg").toString())))
                    .isEqualTo("address 127.0.0.1 is not allowed (loopback)");
            assertThat(refusal(fetch(fetcher, publicServer.url("/b.jpg").toString())))
                    .isEqualTo("address 169.254.169.254 is not allowed (link-local, cloud metadata)");
            assertThat(publicServer.getRequestCount()).isEqualTo(2);
            assertThat(internal.getRequestCount()).isZero();
        }
    }

    @Test
    void listedNetworksAreAllowedAndRedirectsAreFollowedWithoutTheFirstHopsHeaders() throws Exception {
        SafeFetcher fetcher = fetcher(HostResolver.SYSTEM, "127.0.0.0/8");
        internal.enqueue(redirect("/cdn/photo.jpg"));
        internal.enqueue(new MockResponse.Builder()
                .addHeader("Content-Type", "image/jpeg; charset=binary")
                .body("jpeg")
                .build());

        SafeFetcher.Outcome outcome =
                fetch(fetcher, internal.url("/media/1").toString(), Map.of("Authorization", "Basic c2VjcmV0"));

        assertThat(outcome).isInstanceOfSatisfying(SafeFetcher.Outcome.Fetched.class, fetched -> {
            assertThat(new String(fetched.body())).isEqualTo("jpeg");
            assertThat(fetched.contentType()).isEqualTo("image/jpeg");
            assertThat(fetched.url().getPath()).isEqualTo("/cdn/photo.jpg");
        });
        RecordedRequest first = internal.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest second = internal.takeRequest(5, TimeUnit.SECONDS);
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Basic c2VjcmV0");
        assertThat(second.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void redirectsAreBounded() throws Exception {
        SafeFetcher fetcher = fetcher(HostResolver.SYSTEM, "127.0.0.0/8");
        for (int i = 0; i < 4; i++) {
            internal.enqueue(redirect("/hop" + i));
        }
        internal.enqueue(new MockResponse.Builder()
                .code(302)
                .addHeader("Location", "ftp://example.com/x")
                .build());

        assertThat(refusal(fetch(fetcher, internal.url("/start").toString()))).isEqualTo("more than 3 redirects");
        assertThat(refusal(fetch(fetcher, internal.url("/start").toString())))
                .isEqualTo("redirected to a URL that is not http or https");
    }

    @Test
    void sizesAndTimeAreCapped() throws Exception {
        SafeFetcher fetcher = fetcher(HostResolver.SYSTEM, "127.0.0.0/8");
        internal.enqueue(new MockResponse.Builder().body("x".repeat(1025)).build());
        internal.enqueue(
                new MockResponse.Builder().chunkedBody("x".repeat(2000), 100).build());
        internal.enqueue(new MockResponse.Builder().body("").build());
        internal.enqueue(new MockResponse.Builder().code(404).body("gone").build());

        assertThat(refusal(fetch(fetcher, internal.url("/announced").toString())))
                .isEqualTo("larger than 1024 bytes");
        assertThat(refusal(fetch(fetcher, internal.url("/chunked").toString()))).isEqualTo("larger than 1024 bytes");
        assertThat(refusal(fetch(fetcher, internal.url("/empty").toString()))).isEqualTo("the response is empty");
        assertThat(refusal(fetch(fetcher, internal.url("/gone").toString()))).isEqualTo("fetch failed with HTTP 404");

        internal.enqueue(new MockResponse.Builder().body("x".repeat(1000)).build());
        internal.enqueue(new MockResponse.Builder().body("x".repeat(1000)).build());
        List<SafeFetcher.Outcome> both = fetcher.fetchAll(
                        List.of(
                                new SafeFetcher.Item(internal.url("/1").toString(), Map.of()),
                                new SafeFetcher.Item(internal.url("/2").toString(), Map.of())),
                        LIMITS)
                .get(20, TimeUnit.SECONDS);
        assertThat(both)
                .filteredOn(SafeFetcher.Outcome.Failed.class::isInstance)
                .hasSize(1)
                .allSatisfy(failed -> assertThat(refusal(failed))
                        .isEqualTo("the media of this message are larger than 1536 bytes in all"));

        internal.enqueue(new MockResponse.Builder()
                .headersDelay(3, TimeUnit.SECONDS)
                .body("late")
                .build());
        SafeFetcher.Outcome late = fetcher.fetchAll(
                        List.of(new SafeFetcher.Item(internal.url("/late").toString(), Map.of())),
                        new SafeFetcher.Limits(1024, 1024, Duration.ofMillis(300)))
                .get(20, TimeUnit.SECONDS)
                .get(0);
        assertThat(refusal(late)).isEqualTo("timed out after 300 ms");
    }

    @Test
    void urlsThatAreNotHttpAreRefusedBeforeAnythingIsSent() throws Exception {
        SafeFetcher fetcher = fetcher(HostResolver.SYSTEM, "127.0.0.0/8");

        assertThat(refusal(fetch(fetcher, "file:///etc/passwd"))).isEqualTo("only http and https URLs can be fetched");
        assertThat(refusal(fetch(fetcher, "gopher://127.0.0.1:" + internal.getPort() + "/x")))
                .isEqualTo("only http and https URLs can be fetched");
        assertThat(refusal(fetch(fetcher, "http://exa mple.com/x"))).isEqualTo("not a URL");
        assertThat(refusal(fetch(fetcher, "http:/x"))).isEqualTo("the URL has no host");
        assertThat(internal.getRequestCount()).isZero();
    }

    @Test
    void aProxyConfiguredForTheJvmIsNotUsed() throws Exception {
        try (MockWebServer proxy = new MockWebServer()) {
            proxy.start(InetAddress.getByName("127.0.0.1"), 0);
            String host = System.getProperty("http.proxyHost");
            String port = System.getProperty("http.proxyPort");
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", String.valueOf(proxy.getPort()));
            try {
                SafeFetcher fetcher = fetcher(names(Map.of("files.example", "127.0.0.1")), "127.0.0.0/8");
                internal.enqueue(new MockResponse.Builder()
                        .body(new Buffer().writeUtf8("direct"))
                        .build());

                SafeFetcher.Outcome outcome = fetch(fetcher, "http://files.example:" + internal.getPort() + "/x");

                assertThat(outcome).isInstanceOf(SafeFetcher.Outcome.Fetched.class);
                assertThat(proxy.getRequestCount()).isZero();
            } finally {
                restore("http.proxyHost", host);
                restore("http.proxyPort", port);
            }
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private static MockResponse redirect(String location) {
        return new MockResponse.Builder()
                .code(302)
                .addHeader("Location", location)
                .build();
    }
}

package io.gomsggw.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The URLs a carrier may have signed, rebuilt from a request. */
class RequestUrlsTest {
    private static Request request(boolean fromTrustedProxy, String query, String... headers) {
        HttpHeaders all = new DefaultHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            all.add(headers[i], headers[i + 1]);
        }
        Request request =
                new Request(HttpMethod.POST, "/inbound/abc", query, Map.of(), all, new byte[0], "203.0.113.9");
        return fromTrustedProxy ? request.fromTrustedProxy() : request;
    }

    @Test
    void withoutAProxyTheHostHeaderWithBothSchemes() {
        assertThat(RequestUrls.of(request(false, "a=1", "Host", "sms.example.org:8443")))
                .containsExactly(
                        "https://sms.example.org:8443/inbound/abc?a=1", "http://sms.example.org:8443/inbound/abc?a=1");
    }

    @Test
    void aTrustedProxysForwardedHostAndSchemeWin() {
        assertThat(RequestUrls.of(request(
                        true,
                        "",
                        "Host",
                        "10.0.0.5:3000",
                        "X-Forwarded-Host",
                        "sms.example.org",
                        "X-Forwarded-Proto",
                        "https")))
                .containsExactly("https://sms.example.org/inbound/abc");
        assertThat(RequestUrls.of(request(
                        true,
                        "",
                        "Host",
                        "10.0.0.5:3000",
                        "X-Forwarded-Host",
                        "sms.example.org, inner.local",
                        "X-Forwarded-Proto",
                        "HTTPS, http")))
                .containsExactly("https://sms.example.org/inbound/abc");
    }

    @Test
    void forwardedHeadersOfAnyoneElseAreIgnored() {
        assertThat(RequestUrls.of(request(
                        false,
                        "",
                        "Host",
                        "gw.internal:3000",
                        "X-Forwarded-Host",
                        "evil.example",
                        "X-Forwarded-Proto",
                        "https")))
                .containsExactly("https://gw.internal:3000/inbound/abc", "http://gw.internal:3000/inbound/abc");
    }

    @Test
    void nothingUsableGivesNoUrl() {
        assertThat(RequestUrls.of(request(false, ""))).isEmpty();
        assertThat(RequestUrls.of(request(false, "", "Host", "a.example/../b"))).isEmpty();
        assertThat(RequestUrls.of(request(false, "", "Host", "a.example@b.example")))
                .isEmpty();
        assertThat(RequestUrls.of(request(true, "", "Host", "a.example", "X-Forwarded-Proto", "gopher")))
                .isEmpty();
    }
}

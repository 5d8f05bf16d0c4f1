package io.gomsggw.core.spi;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request from a carrier to {@code /inbound/{carrier}}, as received.
 *
 * @param method        HTTP method
 * @param path          the path, without query
 * @param query         the raw query string, without {@code ?}; may be empty
 * @param headers       header names in lower case to their values
 * @param body          the raw body bytes (signatures are checked over these)
 * @param remoteAddress the peer's address, after trusted proxies
 * @param requestUrls   the absolute URLs the carrier may have addressed, most likely first, rebuilt
 *                      from the request's {@code Host} (and a trusted proxy's {@code X-Forwarded-Host}
 *                      and {@code X-Forwarded-Proto}); for signatures over the URL when the gateway's
 *                      public address is not configured. Empty when unknown; never null
 */
public record WebhookRequest(
        String method,
        String path,
        String query,
        Map<String, List<String>> headers,
        byte[] body,
        String remoteAddress,
        List<String> requestUrls) {

    public WebhookRequest {
        requestUrls = requestUrls == null ? List.of() : List.copyOf(requestUrls);
    }

    /** A request whose URL is not known (no {@code requestUrls}). */
    public WebhookRequest(
            String method,
            String path,
            String query,
            Map<String, List<String>> headers,
            byte[] body,
            String remoteAddress) {
        this(method, path, query, headers, body, remoteAddress, List.of());
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

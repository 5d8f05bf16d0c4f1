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
 */
public record WebhookRequest(
        String method, String path, String query, Map<String, List<String>> headers, byte[] body, String remoteAddress) {

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

package io.gomsggw.http;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The absolute URLs a request may have been addressed to, rebuilt from the request itself, for
 * signatures over the URL (Twilio's) when the gateway's public address ({@code SERVER_ADDRESS}) is
 * not configured. The host is the {@code Host} header; a trusted proxy's ({@code TRUSTED_PROXIES})
 * {@code X-Forwarded-Host} and {@code X-Forwarded-Proto} replace host and scheme, and are ignored
 * from anyone else. Without a scheme from a trusted proxy both are candidates, {@code https} first
 * (a TLS terminator may not say so); the path and query are as received.
 */
public final class RequestUrls {
    /** A host name, IPv4 or bracketed IPv6 address, and an optional port; nothing else. */
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    private RequestUrls() {}

    /** The candidate URLs, most likely first; empty when the request names no usable host. */
    public static List<String> of(Request request) {
        String host = request.header("Host");
        String scheme = null;
        if (request.isFromTrustedProxy()) {
            host = firstOr(request.header("X-Forwarded-Host"), host);
            scheme = firstOr(request.header("X-Forwarded-Proto"), null);
        }
        if (host == null || !HOST.matcher(host.strip()).matches()) {
            return List.of();
        }
        String rest = host.strip() + request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        if (scheme != null) {
            String lower = scheme.toLowerCase(Locale.ROOT);
            return lower.equals("https") || lower.equals("http") ? List.of(lower + "://" + rest) : List.of();
        }
        return List.of("https://" + rest, "http://" + rest);
    }

    /** The first comma-separated value of a header (the one the outermost proxy wrote), or {@code fallback}. */
    private static String firstOr(String header, String fallback) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }
}

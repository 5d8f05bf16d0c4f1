package io.gomsggw.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request, fully read (the body is at most the server's limit) and detached from Netty's
 * buffers, so a handler on any thread can use it. Immutable.
 */
public final class Request {
    /** Go reads ids with {@code strconv.ParseUint(s, 10, 32)}. */
    private static final long MAX_GO_ID = 0xFFFF_FFFFL;

    private final HttpMethod method;
    private final String path;
    private final Map<String, List<String>> query;
    private final HttpHeaders headers;
    private final byte[] body;
    private final String remoteAddress;
    private final Map<String, String> pathParams;
    private final String rawQuery;
    private final boolean fromTrustedProxy;

    /**
     * @param method        the request method
     * @param path          the path without the query string, still percent-encoded
     * @param query         decoded query parameters
     * @param headers       the request headers (the caller must not change them afterwards)
     * @param body          the body's bytes (empty when there is none)
     * @param remoteAddress the client's IP address
     */
    public Request(
            HttpMethod method,
            String path,
            Map<String, List<String>> query,
            HttpHeaders headers,
            byte[] body,
            String remoteAddress) {
        this(method, path, query, headers, body, remoteAddress, Map.of(), "");
    }

    /** As above, keeping the query string as received ({@code rawQuery}, without {@code ?}) for signature checks. */
    public Request(
            HttpMethod method,
            String path,
            String rawQuery,
            Map<String, List<String>> query,
            HttpHeaders headers,
            byte[] body,
            String remoteAddress) {
        this(method, path, query, headers, body, remoteAddress, Map.of(), rawQuery);
    }

    private Request(
            HttpMethod method,
            String path,
            Map<String, List<String>> query,
            HttpHeaders headers,
            byte[] body,
            String remoteAddress,
            Map<String, String> pathParams,
            String rawQuery) {
        this(method, path, query, headers, body, remoteAddress, pathParams, rawQuery, false);
    }

    private Request(
            HttpMethod method,
            String path,
            Map<String, List<String>> query,
            HttpHeaders headers,
            byte[] body,
            String remoteAddress,
            Map<String, String> pathParams,
            String rawQuery,
            boolean fromTrustedProxy) {
        this.fromTrustedProxy = fromTrustedProxy;
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.query = Map.copyOf(query);
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
        this.remoteAddress = remoteAddress;
        this.pathParams = Map.copyOf(pathParams);
        this.rawQuery = rawQuery == null ? "" : rawQuery;
    }

    /** This request with the parameters its route's path template matched. */
    Request withPathParams(Map<String, String> params) {
        return new Request(method, path, query, headers, body, remoteAddress, params, rawQuery, fromTrustedProxy);
    }

    /** This request as one whose peer is a trusted proxy, whose {@code X-Forwarded-*} headers are believed. */
    public Request fromTrustedProxy() {
        return new Request(method, path, query, headers, body, remoteAddress, pathParams, rawQuery, true);
    }

    /** Whether the peer is a trusted proxy ({@code TRUSTED_PROXIES}), so its {@code X-Forwarded-*} headers count. */
    public boolean isFromTrustedProxy() {
        return fromTrustedProxy;
    }

    public HttpMethod method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The query string as received, without {@code ?}; empty when there is none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Every header, names in lower case, values in order. */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> all = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            all.computeIfAbsent(header.getKey().toLowerCase(java.util.Locale.ROOT), name -> new java.util.ArrayList<>())
                    .add(header.getValue());
        }
        return all;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A path parameter of the route's template ({@code {id}}), decoded. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no path parameter " + name);
        }
        return value;
    }

    /**
     * A path parameter read as an id. Text that is not a number of at most 32 bits without a sign
     * is answered {@code 400 {"error":"Invalid client ID"}} as the Go gateway answers it (the word
     * from the parameter, {@code number_id} → number, or else from the path, {@code /clients/…} →
     * client); a number that names nothing (0 included) is {@code 404}.
     */
    public long idParam(String name) {
        String value = pathParam(name);
        long id = -1;
        if (!value.isEmpty() && value.length() <= 10 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            id = Long.parseLong(value);
        }
        if (id < 0 || id > MAX_GO_ID) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, "Invalid " + idLabel(name) + " ID", null);
        }
        if (id == 0) {
            throw new HttpStatusException(HttpResponseStatus.NOT_FOUND, "not found", null);
        }
        return id;
    }

    private String idLabel(String name) {
        if (name.endsWith("_id")) {
            return name.substring(0, name.length() - 3).replace('_', ' ');
        }
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        String resource = end < 0 ? path.substring(start) : path.substring(start, end);
        return resource.endsWith("s") ? resource.substring(0, resource.length() - 1) : resource;
    }

    /** A copy of the body's bytes. */
    public byte[] body() {
        return body.clone();
    }

    /** The body's bytes without a copy, for readers in this package that do not change them. */
    byte[] bodyBytes() {
        return body;
    }

    /**
     * The client's IP address: the peer's, or the one {@code X-Forwarded-For} names when the peer
     * is a trusted proxy (see {@link HttpServer.Settings#trustedProxies()}).
     */
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}

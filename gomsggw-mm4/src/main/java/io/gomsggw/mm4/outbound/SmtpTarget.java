package io.gomsggw.mm4.outbound;

import java.util.Objects;

/**
 * Where to deliver: an SMTP server's host and port.
 *
 * @param host a host name or IP address (an IPv6 address without brackets)
 * @param port the TCP port, 1 to 65535
 */
public record SmtpTarget(String host, int port) {
    /** The port MM4 peers listen on unless their address names one. */
    public static final int DEFAULT_PORT = 25;

    public SmtpTarget {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("blank host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Reads a client's MM4 {@code address}: {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6
     * address; port {@value #DEFAULT_PORT} when none is named.
     *
     * @throws IllegalArgumentException when the port is not a number in range or the host is empty
     */
    public static SmtpTarget parse(String address) {
        String a = Objects.requireNonNull(address, "address").strip();
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in address");
            }
            String host = a.substring(1, close);
            String rest = a.substring(close + 1);
            if (rest.isEmpty()) {
                return new SmtpTarget(host, DEFAULT_PORT);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("unexpected text after ]");
            }
            return new SmtpTarget(host, port(rest.substring(1)));
        }
        int colon = a.indexOf(':');
        if (colon < 0 || a.indexOf(':', colon + 1) >= 0) {
            return new SmtpTarget(a, DEFAULT_PORT); // no port, or a bare IPv6 address
        }
        return new SmtpTarget(a.substring(0, colon), port(a.substring(colon + 1)));
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number: " + text);
        }
    }
}

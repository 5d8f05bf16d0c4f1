package io.gomsggw.server.config;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An address a listener binds to, written {@code host:port}, {@code :port} (all interfaces) or
 * {@code [ipv6]:port}. Port 0 asks the system for a free port.
 *
 * @param host a host name or IP literal (IPv6 without brackets); {@code 0.0.0.0} for all interfaces
 * @param port 0 to 65535
 */
public record ListenAddress(String host, int port) {
    private static final String ALL_INTERFACES = "0.0.0.0";
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    public ListenAddress {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range (0-65535): " + port);
        }
    }

    /**
     * Reads {@code host:port}, {@code :port} or {@code [ipv6]:port}.
     *
     * @throws IllegalArgumentException with a message that quotes the text, when it is none of these
     */
    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(notHostPort(text));
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (!PORT.matcher(port).matches()) {
            throw new IllegalArgumentException(notHostPort(text));
        }
        int portNumber = Integer.parseInt(port);
        if (portNumber > 65535) {
            throw new IllegalArgumentException("port out of range (0-65535) in '" + text + "'");
        }
        if (host.isEmpty()) {
            return new ListenAddress(ALL_INTERFACES, portNumber);
        }
        if (host.startsWith("[")
                && host.endsWith("]")
                && IPV6.matcher(host.substring(1, host.length() - 1)).matches()) {
            return new ListenAddress(host.substring(1, host.length() - 1), portNumber);
        }
        if (HOST_NAME.matcher(host).matches()) {
            return new ListenAddress(host, portNumber);
        }
        throw new IllegalArgumentException(notHostPort(text));
    }

    private static String notHostPort(String text) {
        return "not a host:port: '" + text + "'";
    }

    /** The socket address to bind; a host name is resolved now (an unknown one yields an unresolved address). */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    /** {@code host:port}, with an IPv6 host in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}

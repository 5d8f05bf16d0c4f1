package io.gomsggw.mm4.outbound;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where to deliver: an SMTP server's host and port. A client's MM4 target comes from its {@code address}
 * ({@code io.gomsggw.core.net.ClientAddress#deliveryTarget}, port 25 unless the address names one) through
 * {@link #of(InetSocketAddress)}. The host is resolved when the sender connects, on the sender's executor.
 *
 * @param host a host name or IP address (an IPv6 address without brackets)
 * @param port the TCP port, 1 to 65535
 */
public record SmtpTarget(String host, int port) {
    public SmtpTarget {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("blank host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The target named by {@code address} (resolved or not); its host string is kept as written. */
    public static SmtpTarget of(InetSocketAddress address) {
        return new SmtpTarget(address.getHostString(), address.getPort());
    }
}

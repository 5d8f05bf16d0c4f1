package io.gomsggw.core.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A legacy client's {@code address}, read: where the client may connect from (SMPP binds, MM4
 * sessions) and where outbound MM4 goes. The text is a list separated by commas or white space;
 * each entry is one of
 *
 * <ul>
 *   <li>{@code *}: any source (for binds from changing or NATed addresses; never a delivery target);
 *   <li>an IP address or a CIDR block ({@code 203.0.113.7}, {@code 203.0.113.0/24}, {@code 2001:db8::/32});
 *   <li>a host name, resolved each time a source is checked (so a dynamic-DNS name works);
 * </ul>
 *
 * <p>An IP address or host name may carry a port ({@code pbx.example.net:2525},
 * {@code [2001:db8::7]:2525}); the port only says where outbound MM4 goes and plays no part in the
 * source check. The first IP address or host name of the list is the delivery target.
 *
 * <p>Immutable and thread-safe. {@link #admits} may block on DNS when the list names hosts.
 */
public final class ClientAddress {
    /** The SMTP port outbound MM4 uses when the address names none. */
    public static final int DEFAULT_MM4_PORT = 25;

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** One entry of the list. */
    public sealed interface Entry {}

    /** {@code *}: any source. */
    public record AnySource() implements Entry {}

    /** An IP address (a block of one) or a CIDR block; {@code port} 0 when none was written. */
    public record Block(CidrBlock block, int port) implements Entry {}

    /** A host name, resolved when a source is checked; {@code port} 0 when none was written. */
    public record Host(String name, int port) implements Entry {}

    private final String text;
    private final List<Entry> entries;

    private ClientAddress(String text, List<Entry> entries) {
        this.text = text;
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads a client's {@code address}; null or blank gives an empty address that admits nobody.
     *
     * @throws IllegalArgumentException naming the entry that is not an address, a block, a host or {@code *}
     */
    public static ClientAddress parse(String text) {
        String source = text == null ? "" : text.strip();
        List<Entry> entries = new ArrayList<>();
        for (String item : source.split("[,\\s]+")) {
            if (!item.isEmpty()) {
                entries.add(entry(item));
            }
        }
        return new ClientAddress(source, entries);
    }

    private static Entry entry(String item) {
        if (item.equals("*")) {
            return new AnySource();
        }
        if (item.contains("/")) {
            return new Block(CidrBlock.parse(item), 0);
        }
        String host = item;
        int port = 0;
        if (item.startsWith("[")) {
            int close = item.indexOf(']');
            if (close < 0) {
                throw notAnAddress(item);
            }
            host = item.substring(1, close);
            String rest = item.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw notAnAddress(item);
                }
                port = port(rest.substring(1), item);
            }
            return new Block(literal(host, item), port);
        }
        int colon = item.indexOf(':');
        if (colon >= 0 && colon == item.lastIndexOf(':')) {
            host = item.substring(0, colon);
            port = port(item.substring(colon + 1), item);
        } else if (colon >= 0) {
            return new Block(literal(item, item), 0); // a bare IPv6 address
        }
        if (looksLikeIpv4(host)) {
            return new Block(literal(host, item), port);
        }
        if (!HOST_NAME.matcher(host).matches()) {
            throw notAnAddress(item);
        }
        return new Host(host.toLowerCase(Locale.ROOT), port);
    }

    private static boolean looksLikeIpv4(String host) {
        return host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static CidrBlock literal(String host, String item) {
        try {
            return CidrBlock.parse(host);
        } catch (IllegalArgumentException e) {
            throw notAnAddress(item);
        }
    }

    private static int port(String digits, String item) {
        if (!PORT.matcher(digits).matches() || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
            throw new IllegalArgumentException("not a port in '" + item + "'");
        }
        return Integer.parseInt(digits);
    }

    private static IllegalArgumentException notAnAddress(String item) {
        return new IllegalArgumentException(
                "not an IP address, CIDR block, host name (with an optional :port) or *: '" + item + "'");
    }

    /** The entries, in the order written. */
    public List<Entry> entries() {
        return entries;
    }

    /** Whether nothing was written (such a client admits no source). */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Whether {@code *} is in the list. */
    public boolean admitsAnySource() {
        return entries.stream().anyMatch(AnySource.class::isInstance);
    }

    /**
     * Whether a connection from {@code peer} comes from this client: {@code *}, a block holding it, or
     * a host name resolving to it. Literal entries are checked before any name is resolved; a name
     * that does not resolve admits nobody.
     *
     * <p>Blocks while host names are resolved: never call it on an event loop.
     */
    public boolean admits(InetAddress peer, HostResolver resolver) {
        if (admitsWithoutLookup(peer)) {
            return true;
        }
        InetAddress canonicalPeer = CidrBlock.canonical(peer);
        for (Entry entry : entries) {
            if (entry instanceof Host host && resolvesTo(host.name(), canonicalPeer, resolver)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code *} or a literal block admits {@code peer}; never resolves a name. */
    public boolean admitsWithoutLookup(InetAddress peer) {
        for (Entry entry : entries) {
            if (entry instanceof AnySource
                    || entry instanceof Block block && block.block().contains(peer)) {
                return true;
            }
        }
        return false;
    }

    /** Whether checking a source may need a DNS lookup (the list names a host). */
    public boolean namesHosts() {
        return entries.stream().anyMatch(Host.class::isInstance);
    }

    private static boolean resolvesTo(String name, InetAddress peer, HostResolver resolver) {
        try {
            for (InetAddress address : resolver.resolve(name)) {
                if (CidrBlock.canonical(address).equals(peer)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    /**
     * Where outbound MM4 goes: the first IP address (a block of one) or host name of the list, with
     * its port or {@code defaultPort}; unresolved. Empty when the list has only {@code *} and blocks
     * wider than one address.
     */
    public Optional<InetSocketAddress> deliveryTarget(int defaultPort) {
        for (Entry entry : entries) {
            if (entry instanceof Host host) {
                return Optional.of(InetSocketAddress.createUnresolved(host.name(), portOr(host.port(), defaultPort)));
            }
            if (entry instanceof Block block && block.block().isSingleAddress()) {
                return Optional.of(InetSocketAddress.createUnresolved(
                        block.block().network().getHostAddress(), portOr(block.port(), defaultPort)));
            }
        }
        return Optional.empty();
    }

    private static int portOr(int port, int defaultPort) {
        return port == 0 ? defaultPort : port;
    }

    /** The text as the client's record holds it (stripped). */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientAddress other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries);
    }
}

package io.gomsggw.http.fetch;

import io.gomsggw.core.net.CidrBlock;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which addresses the gateway's outbound fetches may connect to: public addresses, and those in
 * the operator's allowed networks ({@code MEDIA_FETCH_ALLOWED_NETWORKS}). Refused otherwise, so
 * that a URL a client or carrier names cannot reach into the gateway's own host or network:
 *
 * <ul>
 *   <li>loopback ({@code 127.0.0.0/8}, {@code ::1}) and unspecified ({@code 0.0.0.0/8}, {@code ::});
 *   <li>private networks ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, IPv6 unique local
 *       {@code fc00::/7} and site-local {@code fec0::/10});
 *   <li>link-local ({@code 169.254/16}, where cloud metadata services answer, and {@code fe80::/10});
 *   <li>carrier-grade NAT ({@code 100.64/10}), multicast ({@code 224/4}, {@code ff00::/8}),
 *       broadcast and reserved ({@code 240/4});
 *   <li>IPv6 forms that carry one of those IPv4 addresses: IPv4-mapped ({@code ::ffff:0:0/96}),
 *       IPv4-compatible ({@code ::/96}), IPv4-translated ({@code ::ffff:0:0:0/96}), NAT64
 *       ({@code 64:ff9b::/96}; the local-use {@code 64:ff9b:1::/48} is refused whole) and 6to4
 *       ({@code 2002::/16}).
 * </ul>
 *
 * <p>Immutable and thread-safe; pure (no lookups).
 */
public final class AddressPolicy {
    /** Refuses every special address; allows none besides public ones. */
    public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(List.of());

    private record Range(CidrBlock block, String reason) {}

    private static final List<Range> IPV4 = List.of(
            range("0.0.0.0/8", "unspecified"),
            range("127.0.0.0/8", "loopback"),
            range("10.0.0.0/8", "private network"),
            range("172.16.0.0/12", "private network"),
            range("192.168.0.0/16", "private network"),
            range("100.64.0.0/10", "carrier-grade NAT"),
            range("169.254.169.254/32", "link-local, cloud metadata"),
            range("169.254.0.0/16", "link-local"),
            range("224.0.0.0/4", "multicast"),
            range("255.255.255.255/32", "broadcast"),
            range("240.0.0.0/4", "reserved"));
    private static final List<Range> IPV6 = List.of(
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("fc00::/7", "private network, unique local"),
            range("fec0::/10", "private network, site-local"),
            range("fe80::/10", "link-local"),
            range("ff00::/8", "multicast"),
            range("64:ff9b:1::/48", "local-use NAT64"));
    private static final CidrBlock COMPATIBLE = CidrBlock.parse("::/96");
    private static final CidrBlock TRANSLATED = CidrBlock.parse("::ffff:0:0:0/96");
    private static final CidrBlock NAT64 = CidrBlock.parse("64:ff9b::/96");
    private static final CidrBlock SIX_TO_FOUR = CidrBlock.parse("2002::/16");

    private final List<CidrBlock> allowed;

    /** @param allowed ranges allowed whatever they are ({@code MEDIA_FETCH_ALLOWED_NETWORKS}) */
    public AddressPolicy(List<CidrBlock> allowed) {
        this.allowed = List.copyOf(Objects.requireNonNull(allowed, "allowed"));
    }

    /** Throws when {@code address} may not be connected to. */
    public void check(InetAddress address) throws RefusedAddressException {
        Optional<String> reason = refusal(address);
        if (reason.isPresent()) {
            throw new RefusedAddressException(address, reason.get());
        }
    }

    /** Why {@code address} may not be connected to; empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        // An IPv4-mapped address is judged as the IPv4 address it maps.
        InetAddress canonical = CidrBlock.canonical(address);
        if (isAllowed(canonical)) {
            return Optional.empty();
        }
        if (canonical instanceof Inet4Address) {
            return reason(IPV4, canonical);
        }
        Optional<String> own = reason(IPV6, canonical);
        if (own.isPresent()) {
            return own;
        }
        return embedded(canonical).flatMap(embedded -> {
            if (isAllowed(embedded.address())) {
                return Optional.empty();
            }
            return reason(IPV4, embedded.address()).map(r -> r + ", " + embedded.form());
        });
    }

    private boolean isAllowed(InetAddress address) {
        for (CidrBlock block : allowed) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private record Embedded(InetAddress address, String form) {}

    /** The IPv4 address an IPv6 address carries by a translation scheme, if it does. */
    private static Optional<Embedded> embedded(InetAddress ipv6) {
        byte[] raw = ipv6.getAddress();
        if (COMPATIBLE.contains(ipv6)) {
            return Optional.of(new Embedded(ipv4(raw, 12), "IPv4-compatible"));
        }
        if (TRANSLATED.contains(ipv6)) {
            return Optional.of(new Embedded(ipv4(raw, 12), "IPv4-translated"));
        }
        if (NAT64.contains(ipv6)) {
            return Optional.of(new Embedded(ipv4(raw, 12), "NAT64"));
        }
        if (SIX_TO_FOUR.contains(ipv6)) {
            return Optional.of(new Embedded(ipv4(raw, 2), "6to4"));
        }
        return Optional.empty();
    }

    private static InetAddress ipv4(byte[] raw, int from) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(raw, from, from + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static Optional<String> reason(List<Range> ranges, InetAddress address) {
        for (Range range : ranges) {
            if (range.block().contains(address)) {
                return Optional.of(range.reason());
            }
        }
        return Optional.empty();
    }

    private static Range range(String cidr, String reason) {
        return new Range(CidrBlock.parse(cidr), reason);
    }
}

package io.gomsggw.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A range of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare
 * address is a range of one. Used for {@code TRUSTED_PROXIES}, client addresses and
 * {@code MEDIA_FETCH_ALLOWED_NETWORKS}. An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is
 * read as the IPv4 address it maps, both in a block and in {@link #contains}.
 *
 * @param network      the first address of the range
 * @param prefixLength the number of leading bits that every address of the range shares
 */
public record CidrBlock(InetAddress network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** The default of {@code TRUSTED_PROXIES}: loopback and the private ranges of IPv4 and IPv6. */
    public static final List<CidrBlock> PRIVATE_RANGES = List.of(
            parse("127.0.0.0/8"),
            parse("10.0.0.0/8"),
            parse("172.16.0.0/12"),
            parse("192.168.0.0/16"),
            parse("::1/128"),
            parse("fc00::/7"));

    public CidrBlock {
        Objects.requireNonNull(network, "network");
        network = canonical(network);
        if (prefixLength < 0 || prefixLength > bits(network)) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
        network = masked(network, prefixLength);
    }

    /**
     * Reads {@code address/prefix} or a bare IP address; host names are refused (no DNS lookup).
     *
     * @throws IllegalArgumentException with a message that quotes the text
     */
    public static CidrBlock parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!isIpv4Literal(address) && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException(notCidr(text));
        }
        InetAddress network;
        try {
            network = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(notCidr(text), e);
        }
        int prefix = bits(network);
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (!digits.matches("[0-9]{1,3}") || Integer.parseInt(digits) > bits(network)) {
                throw new IllegalArgumentException(notCidr(text));
            }
            prefix = Integer.parseInt(digits);
        }
        return new CidrBlock(network, prefix);
    }

    /** Whether {@code address} lies in this range; an address of the other IP family never does. */
    public boolean contains(InetAddress address) {
        InetAddress canonical = canonical(address);
        return canonical.getClass() == network.getClass()
                && masked(canonical, prefixLength).equals(network);
    }

    /** Whether the block holds exactly one address. */
    public boolean isSingleAddress() {
        return prefixLength == bits(network);
    }

    /** {@code address}, or the IPv4 address it maps when it is an IPv4-mapped IPv6 address. */
    public static InetAddress canonical(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length != 16 || raw[10] != (byte) 0xFF || raw[11] != (byte) 0xFF) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return address;
            }
        }
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(raw, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("IPv4 address of 4 bytes", e);
        }
    }

    /**
     * The network that stands for one host when counting what a source does: an IPv4 address
     * itself, an IPv6 address's /64 (the usual share of one host, so that walking through its own
     * addresses does not make a host someone new).
     */
    public static InetAddress hostNetwork(InetAddress address) {
        InetAddress canonical = canonical(address);
        return canonical.getAddress().length == 16 ? new CidrBlock(canonical, 64).network() : canonical;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static String notCidr(String text) {
        return "not an IP address or CIDR range: '" + text + "'";
    }

    private static boolean isIpv4Literal(String address) {
        if (!IPV4.matcher(address).matches()) {
            return false;
        }
        for (String octet : address.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static int bits(InetAddress address) {
        return address.getAddress().length * 8;
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + bytes.length + " bytes", e);
        }
    }
}

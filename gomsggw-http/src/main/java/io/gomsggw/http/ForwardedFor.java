package io.gomsggw.http;

import io.gomsggw.core.net.CidrBlock;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds a request's client address: the peer's, unless the peer is a trusted proxy
 * ({@code TRUSTED_PROXIES}); then {@code X-Forwarded-For} is read from the right (the entry the
 * nearest proxy added) and the first address that is not itself a trusted proxy is the client.
 * Entries left of it were written by the client and are not believed. An entry that is not an IP
 * address ends the walk at the last trusted hop. No name is ever looked up.
 *
 * <p>Immutable and thread-safe; used on event loops.
 */
final class ForwardedFor {
    /** Believes no one: the peer is always the client. */
    static final ForwardedFor NONE = new ForwardedFor(List.of());

    private final List<CidrBlock> trustedProxies;

    ForwardedFor(List<CidrBlock> trustedProxies) {
        this.trustedProxies = List.copyOf(Objects.requireNonNull(trustedProxies, "trustedProxies"));
    }

    /**
     * The client's address.
     *
     * @param peer    the address the connection comes from
     * @param headers every {@code X-Forwarded-For} header value, in order
     */
    InetAddress client(InetAddress peer, List<String> headers) {
        if (!trusted(peer) || headers.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : headers) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = address(hops.get(i));
            if (hop == null) {
                return client;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** Whether {@code peer} is a trusted proxy. */
    boolean trusts(InetAddress peer) {
        return trusted(peer);
    }

    private boolean trusted(InetAddress address) {
        for (CidrBlock block : trustedProxies) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An IP address as proxies write it ({@code 203.0.113.7}, {@code 203.0.113.7:5100}, {@code [2001:db8::1]:5100}, {@code 2001:db8::1}), or null. */
    private static InetAddress address(String text) {
        String literal = text;
        if (literal.startsWith("[")) {
            int end = literal.indexOf(']');
            if (end < 0) {
                return null;
            }
            literal = literal.substring(1, end);
        } else if (literal.indexOf(':') == literal.lastIndexOf(':') && literal.indexOf(':') > 0) {
            literal = literal.substring(0, literal.indexOf(':'));
        }
        try {
            CidrBlock single = CidrBlock.parse(literal);
            return single.isSingleAddress() ? single.network() : null;
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }
}

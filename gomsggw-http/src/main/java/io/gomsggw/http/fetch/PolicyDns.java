package io.gomsggw.http.fetch;

import io.gomsggw.core.net.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Dns;

/**
 * OkHttp's name resolution through a {@link HostResolver}, keeping only the addresses the
 * {@link AddressPolicy} allows. OkHttp connects to exactly the addresses returned here, so a name
 * is resolved once per connection and the address checked is the address connected to: a name
 * that answers a public address to a check and a private one to the connection (DNS rebinding)
 * gets nowhere. When no address is left, the lookup fails with the first refusal.
 *
 * <p>Thread-safe; blocks while the resolver does (on OkHttp's threads, never an event loop).
 */
final class PolicyDns implements Dns {
    private final HostResolver resolver;
    private final AddressPolicy policy;

    PolicyDns(HostResolver resolver, AddressPolicy policy) {
        this.resolver = resolver;
        this.policy = policy;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        InetAddress[] resolved = resolver.resolve(hostname);
        List<InetAddress> allowed = new ArrayList<>(resolved.length);
        RefusedAddressException firstRefusal = null;
        for (InetAddress address : resolved) {
            try {
                policy.check(address);
                allowed.add(address);
            } catch (RefusedAddressException refused) {
                firstRefusal = firstRefusal == null ? refused : firstRefusal;
            }
        }
        if (allowed.isEmpty()) {
            throw firstRefusal != null ? firstRefusal : new UnknownHostException(hostname + ": no address");
        }
        return allowed;
    }
}

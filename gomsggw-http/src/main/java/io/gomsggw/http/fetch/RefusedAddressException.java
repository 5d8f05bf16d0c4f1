package io.gomsggw.http.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A fetch would have connected to an address the {@link AddressPolicy} refuses. Its message is
 * meant for the caller: {@code address 10.0.0.1 is not allowed (private network)}. An
 * {@link UnknownHostException}, so that a name resolver may throw it. Carries no stack trace.
 */
public final class RefusedAddressException extends UnknownHostException {
    private final transient InetAddress address;
    private final String reason;

    RefusedAddressException(InetAddress address, String reason) {
        super("address " + address.getHostAddress() + " is not allowed (" + reason + ")");
        this.address = address;
        this.reason = reason;
    }

    /** The address refused. */
    public InetAddress address() {
        return address;
    }

    /** Why, e.g. {@code private network}. */
    public String reason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

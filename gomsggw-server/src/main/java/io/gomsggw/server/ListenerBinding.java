package io.gomsggw.server;

import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.config.ListenAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Binds a listener and turns a failure into a {@link ConfigException} naming the variable, e.g.
 * {@code WEB_LISTEN: address 0.0.0.0:3000 is already in use}.
 */
final class ListenerBinding {
    /** Starts a listener on an address and returns the address it bound. */
    @FunctionalInterface
    interface Binder {
        InetSocketAddress bind(InetSocketAddress address) throws IOException;
    }

    private ListenerBinding() {}

    static InetSocketAddress bind(String variable, ListenAddress address, Binder binder) {
        InetSocketAddress socketAddress = address.socketAddress();
        if (socketAddress.isUnresolved()) {
            throw new ConfigException(variable, "unknown host '" + address.host() + "'");
        }
        try {
            return binder.bind(socketAddress);
        } catch (IOException e) {
            if (isAddressInUse(e)) {
                throw new ConfigException(variable, "address " + address + " is already in use");
            }
            throw new ConfigException(variable, "cannot listen on " + address + ": " + rootMessage(e));
        }
    }

    /** A listener whose start yields the running server. */
    @FunctionalInterface
    interface ServerStarter<T> {
        T start(InetSocketAddress address) throws IOException;
    }

    /** Starts a server on an address; failures are reported like {@link #bind}'s. */
    static <T> T bindServer(String variable, ListenAddress address, ServerStarter<T> starter) {
        Object[] started = new Object[1];
        bind(variable, address, socketAddress -> {
            started[0] = starter.start(socketAddress);
            return socketAddress;
        });
        @SuppressWarnings("unchecked")
        T server = (T) started[0];
        return server;
    }

    private static boolean isAddressInUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

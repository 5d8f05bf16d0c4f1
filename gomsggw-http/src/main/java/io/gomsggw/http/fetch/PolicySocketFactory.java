package io.gomsggw.http.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Plain sockets that check the {@link AddressPolicy} against the address they connect to, the
 * last word on where a fetch goes: it also covers URLs whose host is an IP address (which OkHttp
 * does not resolve through {@link PolicyDns}) and every redirect and retry. TLS runs over these
 * sockets, so HTTPS is covered too. A refused connect throws {@link RefusedAddressException}.
 *
 * <p>Thread-safe.
 */
final class PolicySocketFactory extends SocketFactory {
    private final AddressPolicy policy;

    PolicySocketFactory(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                if (!(endpoint instanceof InetSocketAddress inet) || inet.getAddress() == null) {
                    throw new IOException("not a resolved address: " + endpoint);
                }
                policy.check(inet.getAddress());
                super.connect(endpoint, timeout);
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}

package io.gomsggw.server;

import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.config.ListenersConfig;
import io.gomsggw.server.config.SmppTlsConfig;
import io.gomsggw.smpp.server.BindGuard;
import io.gomsggw.smpp.server.SmppServer;
import io.gomsggw.smpp.server.SmppServerConfig;
import io.gomsggw.smpp.server.SmppServerHandler;
import io.gomsggw.smpp.session.SessionSettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The SMPP listeners of a node: plain TCP on {@code SMPP_LISTEN} and, when configured, TLS on
 * {@code SMPP_TLS_LISTEN}, sharing one {@link BindGuard}. Closing them unbinds every session gracefully.
 */
final class SmppListeners implements AutoCloseable {
    private final SmppServer plain;
    private final SmppServer tls;

    private SmppListeners(SmppServer plain, SmppServer tls) {
        this.plain = plain;
        this.tls = tls;
    }

    /**
     * @param guard the limits on unbound connections and failed binds, shared by both listeners
     */
    static SmppListeners start(
            ListenersConfig listeners,
            boolean proxyProtocol,
            SessionSettings settings,
            BindGuard guard,
            SmppServerHandler handler) {
        Optional<SslContext> sslContext = listeners.smppTls().map(SmppListeners::serverContext);
        SmppServer plain = ListenerBinding.bindServer(
                "SMPP_LISTEN",
                listeners.smpp(),
                address -> SmppServer.start(config(address, settings, proxyProtocol, guard), handler));
        if (sslContext.isEmpty()) {
            return new SmppListeners(plain, null);
        }
        try {
            SmppServer tls = ListenerBinding.bindServer(
                    "SMPP_TLS_LISTEN",
                    listeners.smppTls().get().listen(),
                    address -> SmppServer.start(
                            config(address, settings, proxyProtocol, guard).withTls(sslContext.get()), handler));
            return new SmppListeners(plain, tls);
        } catch (RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static SmppServerConfig config(
            InetSocketAddress address, SessionSettings settings, boolean proxyProtocol, BindGuard guard) {
        return SmppServerConfig.of(address)
                .withSettings(settings)
                .withProxyProtocol(proxyProtocol)
                .withBindGuard(guard);
    }

    private static SslContext serverContext(SmppTlsConfig tls) {
        try {
            return SslContextBuilder.forServer(
                            tls.certificate().toFile(), tls.privateKey().toFile())
                    .build();
        } catch (Exception e) {
            throw new ConfigException(
                    "SMPP_TLS_KEY",
                    "cannot use " + tls.certificate() + " and " + tls.privateKey()
                            + " (a PEM certificate chain and a PEM PKCS#8 private key are expected): "
                            + e.getMessage());
        }
    }

    InetSocketAddress address() {
        return plain.address();
    }

    boolean isListening() {
        return plain.isListening();
    }

    /** Whether the TLS listener accepts connections; empty when none is configured. */
    Optional<Boolean> tlsListening() {
        return Optional.ofNullable(tls).map(SmppServer::isListening);
    }

    Optional<InetSocketAddress> tlsAddress() {
        return Optional.ofNullable(tls).map(SmppServer::address);
    }

    @Override
    public void close() {
        if (tls != null) {
            tls.close();
        }
        plain.close();
    }
}

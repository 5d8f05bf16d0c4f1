package io.gomsggw.smpp.server;

import io.gomsggw.smpp.session.SessionSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link SmppServer} listens. Start from {@link #of} and adjust with the {@code with…}
 * methods.
 *
 * @param listenAddress  where to listen; port 0 picks a free port
 * @param systemId       the SMSC {@code system_id} put in {@code bind_*_resp} (at most 15 octets)
 * @param settings       limits and timers of every session
 * @param proxyProtocol  whether every connection starts with a PROXY protocol header (v1 or v2),
 *                       whose source address then replaces the socket's
 * @param sslContext     a server {@link SslContext} for an SMPP-over-TLS listener, or {@code null}
 *                       for plain TCP
 * @param eventLoopGroup event loops to share with other listeners (not closed by the server), or
 *                       {@code null} for the server's own group (epoll where available)
 * @param bindGuard      limits on unbound connections and failed binds, shared with other listeners
 *                       given the same one; {@code null} for a guard of the server's own with the
 *                       defaults ({@link BindGuard#withDefaults}, system clock)
 */
public record SmppServerConfig(
        InetSocketAddress listenAddress,
        String systemId,
        SessionSettings settings,
        boolean proxyProtocol,
        SslContext sslContext,
        EventLoopGroup eventLoopGroup,
        BindGuard bindGuard) {

    /** The {@code system_id} the server names itself with unless told otherwise. */
    public static final String DEFAULT_SYSTEM_ID = "gomsggw";

    /** Validates; a null {@code systemId}, {@code settings} or {@code bindGuard} takes the default. */
    public SmppServerConfig {
        Objects.requireNonNull(listenAddress, "listenAddress");
        systemId = systemId == null ? DEFAULT_SYSTEM_ID : systemId;
        settings = settings == null ? SessionSettings.DEFAULTS : settings;
        bindGuard = bindGuard == null ? BindGuard.withDefaults(Clock.systemUTC()) : bindGuard;
        if (systemId.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1).length > 15) {
            throw new IllegalArgumentException("systemId longer than 15 octets: " + systemId);
        }
        if (sslContext != null && !sslContext.isServer()) {
            throw new IllegalArgumentException("sslContext must be a server context");
        }
    }

    /** Plain TCP on {@code listenAddress} with the default system id and session settings. */
    public static SmppServerConfig of(InetSocketAddress listenAddress) {
        return new SmppServerConfig(
                listenAddress, DEFAULT_SYSTEM_ID, SessionSettings.DEFAULTS, false, null, null, null);
    }

    /** The TLS context, if this is a TLS listener. */
    public Optional<SslContext> tls() {
        return Optional.ofNullable(sslContext);
    }

    public SmppServerConfig withSystemId(String id) {
        return new SmppServerConfig(listenAddress, id, settings, proxyProtocol, sslContext, eventLoopGroup, bindGuard);
    }

    public SmppServerConfig withSettings(SessionSettings s) {
        return new SmppServerConfig(listenAddress, systemId, s, proxyProtocol, sslContext, eventLoopGroup, bindGuard);
    }

    public SmppServerConfig withProxyProtocol(boolean enabled) {
        return new SmppServerConfig(listenAddress, systemId, settings, enabled, sslContext, eventLoopGroup, bindGuard);
    }

    /** A TLS listener with {@code context} (a server context); {@code null} for plain TCP. */
    public SmppServerConfig withTls(SslContext context) {
        return new SmppServerConfig(
                listenAddress, systemId, settings, proxyProtocol, context, eventLoopGroup, bindGuard);
    }

    /** Guards binds with {@code guard} (share one between listeners); {@code null} for an own default guard. */
    public SmppServerConfig withBindGuard(BindGuard guard) {
        return new SmppServerConfig(
                listenAddress, systemId, settings, proxyProtocol, sslContext, eventLoopGroup, guard);
    }

    /** Runs on {@code group}, which the caller owns and shuts down; {@code null} for an own group. */
    public SmppServerConfig withEventLoopGroup(EventLoopGroup group) {
        return new SmppServerConfig(listenAddress, systemId, settings, proxyProtocol, sslContext, group, bindGuard);
    }
}

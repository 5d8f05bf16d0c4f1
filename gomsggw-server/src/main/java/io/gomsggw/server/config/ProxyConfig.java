package io.gomsggw.server.config;

import io.gomsggw.core.net.CidrBlock;
import java.util.List;

/**
 * Which proxies in front of the gateway are believed about the real client address.
 *
 * @param haproxyProxyProtocol {@code HAPROXY_PROXY_PROTOCOL}: accept the PROXY protocol on SMPP and MM4
 * @param trustedProxies       {@code TRUSTED_PROXIES}: whose {@code X-Forwarded-For} the web server believes
 */
public record ProxyConfig(boolean haproxyProxyProtocol, List<CidrBlock> trustedProxies) {
    public ProxyConfig {
        trustedProxies = List.copyOf(trustedProxies);
    }
}

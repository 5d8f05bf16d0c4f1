package io.gomsggw.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * SMPP over TLS ({@code SMPP_TLS_LISTEN}, {@code SMPP_TLS_CERT}, {@code SMPP_TLS_KEY}): set all
 * three or none.
 *
 * @param listen      where the TLS listener binds
 * @param certificate PEM certificate chain
 * @param privateKey  PEM private key (PKCS#8)
 */
public record SmppTlsConfig(ListenAddress listen, Path certificate, Path privateKey) {
    public SmppTlsConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}

package io.gomsggw.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code STARTTLS} on the MM4 listener ({@code MM4_TLS_CERT}, {@code MM4_TLS_KEY}): set both or neither.
 *
 * @param certificate PEM certificate chain
 * @param privateKey  PEM private key (PKCS#8)
 */
public record Mm4TlsConfig(Path certificate, Path privateKey) {
    public Mm4TlsConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}

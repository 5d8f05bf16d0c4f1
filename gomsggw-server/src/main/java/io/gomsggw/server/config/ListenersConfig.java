package io.gomsggw.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where each listener binds.
 *
 * @param web            {@code WEB_LISTEN}: REST API, webhooks in, media
 * @param smpp           {@code SMPP_LISTEN}: SMPP 3.4 server
 * @param smppTls        SMPP over TLS, when configured
 * @param mm4            {@code MM4_LISTEN}: MM4 (SMTP) server
 * @param mm4Tls         {@code STARTTLS} on the MM4 server, when configured
 * @param mm4MaxMessageBytes {@code MM4_MAX_MESSAGE_BYTES}: the largest MM4 message taken ({@code SIZE})
 * @param prometheus     {@code PROMETHEUS_LISTEN}: metrics
 * @param prometheusPath {@code PROMETHEUS_PATH}: the metrics path, starting with {@code /}
 */
public record ListenersConfig(
        ListenAddress web,
        ListenAddress smpp,
        Optional<SmppTlsConfig> smppTls,
        ListenAddress mm4,
        Optional<Mm4TlsConfig> mm4Tls,
        long mm4MaxMessageBytes,
        ListenAddress prometheus,
        String prometheusPath) {

    public ListenersConfig {
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(smpp, "smpp");
        Objects.requireNonNull(smppTls, "smppTls");
        Objects.requireNonNull(mm4, "mm4");
        Objects.requireNonNull(mm4Tls, "mm4Tls");
        Objects.requireNonNull(prometheus, "prometheus");
        Objects.requireNonNull(prometheusPath, "prometheusPath");
    }
}

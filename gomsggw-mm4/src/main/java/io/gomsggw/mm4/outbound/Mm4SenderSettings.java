package io.gomsggw.mm4.outbound;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * How {@link Mm4Sender} talks SMTP.
 *
 * @param connectTimeout      how long to wait for the TCP connection
 * @param readTimeout         how long to wait for each reply, and for each write to make progress
 *                            ({@code MM4_TIMEOUT_SECS})
 * @param ehloName            the name said in {@code EHLO}/{@code HELO}
 * @param startTls            whether to upgrade the connection with {@code STARTTLS}
 * @param tlsSocketFactory    the factory for the TLS upgrade (to trust a private or test certificate);
 *                            the JDK's default trust when empty
 * @param checkServerIdentity whether the server certificate must name the host connected to
 */
public record Mm4SenderSettings(
        Duration connectTimeout,
        Duration readTimeout,
        String ehloName,
        StartTls startTls,
        Optional<SSLSocketFactory> tlsSocketFactory,
        boolean checkServerIdentity) {

    /** Whether and how to use {@code STARTTLS}. */
    public enum StartTls {
        /** Never: plain SMTP, as the Go gateway spoke it (the default, so PBXs work unchanged). */
        DISABLED,
        /** When the server offers it; a failed handshake fails the send (it does not fall back to plain). */
        IF_OFFERED,
        /** Always: a server that does not offer {@code STARTTLS} fails the send. */
        REQUIRED
    }

    public Mm4SenderSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(ehloName, "ehloName");
        Objects.requireNonNull(startTls, "startTls");
        Objects.requireNonNull(tlsSocketFactory, "tlsSocketFactory");
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (ehloName.isBlank() || ehloName.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalArgumentException("EHLO name must be a non-blank ASCII token");
        }
    }

    /** Connect within 10 s, 60 s per reply, plain SMTP, saying {@code ehloName}. */
    public static Mm4SenderSettings defaults(String ehloName) {
        return new Mm4SenderSettings(
                Duration.ofSeconds(10), Duration.ofSeconds(60), ehloName, StartTls.DISABLED, Optional.empty(), true);
    }

    /** These settings with another read timeout. */
    public Mm4SenderSettings withReadTimeout(Duration timeout) {
        return new Mm4SenderSettings(
                connectTimeout, timeout, ehloName, startTls, tlsSocketFactory, checkServerIdentity);
    }

    /** These settings with another connect timeout. */
    public Mm4SenderSettings withConnectTimeout(Duration timeout) {
        return new Mm4SenderSettings(timeout, readTimeout, ehloName, startTls, tlsSocketFactory, checkServerIdentity);
    }

    /** These settings with {@code STARTTLS} as given, trusting what {@code factory} trusts. */
    public Mm4SenderSettings withStartTls(StartTls mode, Optional<SSLSocketFactory> factory, boolean checkIdentity) {
        return new Mm4SenderSettings(connectTimeout, readTimeout, ehloName, mode, factory, checkIdentity);
    }
}

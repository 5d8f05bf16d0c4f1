package io.gomsggw.mm4.smtp;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link SmtpServer} listens and what it allows. Start from {@link #defaults} and adjust
 * with the {@code with…} methods. Immutable.
 *
 * @param listenAddress     where to listen ({@code MM4_LISTEN}); port 0 picks a free port
 * @param hostName          the server's name in the greeting and in {@code EHLO}/{@code QUIT} replies
 * @param maxMessageBytes   the largest message (the dot-unstuffed {@code DATA}) taken, advertised
 *                          as {@code SIZE}; a larger one is answered {@code 552}. Default 32 MiB: an
 *                          MMS of a few full-size phone photos, base64-encoded, fits
 * @param maxLineLength     the longest command line, CRLF included (RFC 5321 asks for 512; default
 *                          2048 for lenient clients); a longer one is answered {@code 500}.
 *                          {@code DATA} lines are not limited, only the whole message is
 * @param maxRecipients     recipients per message (RFC 5321's minimum, 100); past it {@code 452}
 * @param idleTimeout       how long the server waits for a command (RFC 5321: 5 minutes); then
 *                          {@code 421} and close
 * @param dataTimeout       how long the server waits for more bytes of a {@code DATA} body (RFC
 *                          5321: 3 minutes); then {@code 421} and close
 * @param maxSessions       open connections at once; the next is answered {@code 421} at the
 *                          greeting and closed
 * @param spoolMemoryBytes  how much of a message is held in memory; the rest goes to a temporary
 *                          file (default 256 KiB, so 200 sessions hold at most 50 MiB of bodies)
 * @param spoolDirectory    where temporary files go (the JVM's temporary directory by default)
 * @param tlsCertificate    PEM certificate chain for {@code STARTTLS} ({@code MM4_TLS_CERT}); set
 *                          both or neither
 * @param tlsPrivateKey     PEM private key (PKCS#8) for {@code STARTTLS} ({@code MM4_TLS_KEY})
 * @param proxyProtocol     whether every connection starts with a PROXY protocol header (v1 or v2,
 *                          {@code HAPROXY_PROXY_PROTOCOL}) whose source replaces the socket's
 */
public record SmtpServerSettings(
        InetSocketAddress listenAddress,
        String hostName,
        long maxMessageBytes,
        int maxLineLength,
        int maxRecipients,
        Duration idleTimeout,
        Duration dataTimeout,
        int maxSessions,
        int spoolMemoryBytes,
        Path spoolDirectory,
        Optional<Path> tlsCertificate,
        Optional<Path> tlsPrivateKey,
        boolean proxyProtocol) {

    /** The default {@link #maxMessageBytes}: 32 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 32L * 1024 * 1024;
    /** The default {@link #spoolMemoryBytes}: 256 KiB. */
    public static final int DEFAULT_SPOOL_MEMORY_BYTES = 256 * 1024;
    /** The default MM4 port. */
    public static final int DEFAULT_PORT = 2566;

    public SmtpServerSettings {
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(dataTimeout, "dataTimeout");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(tlsCertificate, "tlsCertificate");
        Objects.requireNonNull(tlsPrivateKey, "tlsPrivateKey");
        if (hostName.isBlank() || hostName.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalArgumentException("host name must be a non-blank ASCII token: " + hostName);
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
        if (maxLineLength < 512) {
            throw new IllegalArgumentException("maxLineLength must be at least 512 (RFC 5321)");
        }
        if (maxRecipients < 1 || maxSessions < 1 || spoolMemoryBytes < 0) {
            throw new IllegalArgumentException("maxRecipients and maxSessions must be positive, spoolMemoryBytes >= 0");
        }
        if (!positive(idleTimeout) || !positive(dataTimeout)) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (tlsCertificate.isPresent() != tlsPrivateKey.isPresent()) {
            throw new IllegalArgumentException("set both the TLS certificate and key, or neither");
        }
    }

    /**
     * {@code hostName} listening on {@code listenAddress}: 32 MiB messages, 2048-octet command
     * lines, 100 recipients, 5 minutes idle, 3 minutes within {@code DATA}, 1000 sessions, 256 KiB
     * in memory per message, no TLS, no PROXY protocol.
     */
    public static SmtpServerSettings defaults(InetSocketAddress listenAddress, String hostName) {
        return new SmtpServerSettings(
                listenAddress,
                hostName,
                DEFAULT_MAX_MESSAGE_BYTES,
                2048,
                100,
                Duration.ofMinutes(5),
                Duration.ofMinutes(3),
                1000,
                DEFAULT_SPOOL_MEMORY_BYTES,
                Path.of(System.getProperty("java.io.tmpdir")),
                Optional.empty(),
                Optional.empty(),
                false);
    }

    /** Whether {@code STARTTLS} is offered. */
    public boolean tls() {
        return tlsCertificate.isPresent();
    }

    public SmtpServerSettings withMaxMessageBytes(long bytes) {
        return new SmtpServerSettings(
                listenAddress,
                hostName,
                bytes,
                maxLineLength,
                maxRecipients,
                idleTimeout,
                dataTimeout,
                maxSessions,
                spoolMemoryBytes,
                spoolDirectory,
                tlsCertificate,
                tlsPrivateKey,
                proxyProtocol);
    }

    public SmtpServerSettings withMaxLineLength(int length) {
        return new SmtpServerSettings(
                listenAddress,
                hostName,
                maxMessageBytes,
                length,
                maxRecipients,
                idleTimeout,
                dataTimeout,
                maxSessions,
                spoolMemoryBytes,
                spoolDirectory,
                tlsCertificate,
                tlsPrivateKey,
                proxyProtocol);
    }

    public SmtpServerSettings withMaxRecipients(int recipients) {
        return new SmtpServerSettings(
                listenAddress,
                hostName,
                maxMessageBytes,
                maxLineLength,
                recipients,
                idleTimeout,
                dataTimeout,
                maxSessions,
                spoolMemoryBytes,
                spoolDirectory,
                tlsCertificate,
                tlsPrivateKey,
                proxyProtocol);
    }

    public SmtpServerSettings withTimeouts(Duration idle, Duration data) {
        return new SmtpServerSettings(
                listenAddress,
                hostName,
                maxMessageBytes,
                maxLineLength,
                maxRecipients,
                idle,
                data,
                maxSessions,
                spoolMemoryBytes,
                spoolDirectory,
                tlsCertificate,
                tlsPrivateKey,
                proxyProtocol);
    }

    public SmtpServerSettings withMaxSessions(int sessions) {
        return new SmtpServerSettings(
                listenAddress,
                hostName,
                maxMessageBytes,
                maxLineLength,
                maxRecipients,
                idleTimeout,
                dataTimeout,
                sessions,
                spoolMemoryBytes,
                spoolDirectory,
                tlsCertificate,
                tlsPrivateKey,
                proxyProtocol);
    }

    /** Holds {@code memoryBytes} of each message in memory and spills the rest into {@code directory}. */
    public SmtpServerSettings withSpool(int memoryBytes, Path directory) {
        return new SmtpServerSettings(
                listenAddress,
                hostName,
                maxMessageBytes,
                maxLineLength,
                maxRecipients,
                idleTimeout,
                dataTimeout,
                maxSessions,
                memoryBytes,
                directory,
                tlsCertificate,
                tlsPrivateKey,
                proxyProtocol);
    }

    /** Offers {@code STARTTLS} with these PEM files (certificate chain, PKCS#8 key). */
    public SmtpServerSettings withTls(Path certificate, Path privateKey) {
        return new SmtpServerSettings(
                listenAddress,
                hostName,
                maxMessageBytes,
                maxLineLength,
                maxRecipients,
                idleTimeout,
                dataTimeout,
                maxSessions,
                spoolMemoryBytes,
                spoolDirectory,
                Optional.of(certificate),
                Optional.of(privateKey),
                proxyProtocol);
    }

    public SmtpServerSettings withProxyProtocol(boolean enabled) {
        return new SmtpServerSettings(
                listenAddress,
                hostName,
                maxMessageBytes,
                maxLineLength,
                maxRecipients,
                idleTimeout,
                dataTimeout,
                maxSessions,
                spoolMemoryBytes,
                spoolDirectory,
                tlsCertificate,
                tlsPrivateKey,
                enabled);
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}

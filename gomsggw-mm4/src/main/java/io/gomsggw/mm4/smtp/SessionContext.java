package io.gomsggw.mm4.smtp;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;

/** What the handlers of one connection share. Event loop only. */
final class SessionContext<A> {
    final SmtpServerSettings settings;
    final MailReceiver<A> receiver;
    final ServerCounters counters;
    /** For {@code STARTTLS}; {@code null} when TLS is not configured. */
    final SslContext sslContext;

    InetSocketAddress source;
    A attachment;
    String clientKey;

    SessionContext(
            SmtpServerSettings settings, MailReceiver<A> receiver, ServerCounters counters, SslContext sslContext) {
        this.settings = settings;
        this.receiver = receiver;
        this.counters = counters;
        this.sslContext = sslContext;
    }
}

/**
 * The MM4 SMTP server (RFC 5321 with {@code SIZE}, {@code 8BITMIME}, {@code PIPELINING} and, when
 * a certificate is configured, {@code STARTTLS} per RFC 3207):
 * {@link io.gomsggw.mm4.smtp.SmtpServer} listens, and the application's
 * {@link io.gomsggw.mm4.smtp.MailReceiver} decides who may connect (by source address, the PROXY
 * protocol header's when enabled), which recipients are taken, and what becomes of each message,
 * which it gets as a {@link io.gomsggw.mm4.smtp.SpooledMessage} with its
 * {@link io.gomsggw.mm4.smtp.Envelope}. This package knows SMTP only: MM4 parsing, clients and
 * storage belong to the caller.
 *
 * <p><b>Why Netty and no SMTP server library:</b> the SMPP listener already runs on Netty, and the
 * parts an SMTP server needs are Netty's own, maintained codecs: {@code HAProxyMessageDecoder} for
 * the PROXY protocol (v1 and v2, the same as SMPP), {@code SslHandler} in start-TLS mode for
 * {@code STARTTLS}, flow control by {@code autoRead} and writability. What is left is a small
 * framer (command lines bounded by {@code maxLineLength}; {@code DATA} streamed in chunks and
 * dot-unstuffed without holding lines) and a state machine of a few hundred lines. The maintained
 * Java SMTP server libraries (SubEthaSMTP and its forks) run a thread per connection and block on
 * the message stream, which would cost a thread for each of hundreds of slow PBX sessions, do not
 * read the PROXY protocol, and would give us a second I/O model and TLS stack to configure.
 *
 * <p><b>Message bodies</b> are never held whole: the first
 * {@link io.gomsggw.mm4.smtp.SmtpServerSettings#spoolMemoryBytes()} (256 KiB) of a message stay in
 * memory, the rest goes to an owner-only temporary file in
 * {@link io.gomsggw.mm4.smtp.SmtpServerSettings#spoolDirectory()}, deleted when the receiver's
 * stage completes, when the client goes away mid-{@code DATA}, or as soon as the message passes
 * {@code SIZE} (the rest of the body is then read and dropped until the final dot, and {@code 552}
 * answered). Spool writes run on the event loop and go to the page cache; nothing is forced to disk
 * here, durability is the receiver's job before it answers {@code 250}.
 *
 * <p><b>Ordering:</b> replies go out in the order of the commands; while a message's reply is
 * pending the connection reads nothing further (it stops reading from the socket), so a pipelining
 * client gets its replies in order and cannot make the server hold more than one read of commands.
 * A connection whose client does not read its replies also stops being read.
 *
 * <p>{@code ENHANCEDSTATUSCODES} is not advertised: the server's own replies carry enhanced codes,
 * but the receiver's may not, and the extension promises them on every reply.
 *
 * <p><b>Bad input</b> (unknown commands, long lines, bad PROXY headers, failed TLS handshakes,
 * resets) gets its SMTP reply or a close and at most one log line without a stack trace.
 */
package io.gomsggw.mm4.smtp;

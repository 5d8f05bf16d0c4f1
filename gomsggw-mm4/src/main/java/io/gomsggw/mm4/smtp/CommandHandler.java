package io.gomsggw.mm4.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SMTP state machine of one connection (RFC 5321, with SIZE, 8BITMIME, PIPELINING and
 * STARTTLS): interprets each command line and the {@code DATA} body, answering through its
 * {@link SmtpSession}. Event loop only.
 */
final class CommandHandler<A> {
    private static final Set<String> NOT_IMPLEMENTED =
            Set.of("EXPN", "TURN", "ETRN", "ATRN", "AUTH", "BDAT", "SEND", "SOML", "SAML");

    private final SessionContext<A> context;
    private final SmtpFrameDecoder decoder;
    private final SmtpSession<A> session;
    private String heloName;
    private boolean tlsActive;
    private String mailFrom;
    private long declaredSize;
    private final List<String> recipients = new ArrayList<>();
    private Spool spool;
    private long dataBytes;
    private boolean tooLarge;
    private IOException spoolError;

    CommandHandler(SessionContext<A> context, SmtpFrameDecoder decoder, SmtpSession<A> session) {
        this.context = context;
        this.decoder = decoder;
        this.session = session;
    }

    /** Whether a message body is being received. */
    boolean inData() {
        return spool != null;
    }

    void command(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).trim();
        switch (verb) {
            case "EHLO" -> hello(argument, true);
            case "HELO" -> hello(argument, false);
            case "MAIL" -> mail(argument);
            case "RCPT" -> recipient(argument);
            case "DATA" -> data(argument);
            case "RSET" -> {
                resetTransaction();
                session.reply(SmtpReply.of(250, "2.0.0 OK"));
            }
            case "NOOP" -> session.reply(SmtpReply.of(250, "2.0.0 OK"));
            case "QUIT" ->
                session.closeWith(SmtpReply.of(221, "2.0.0 " + context.settings.hostName() + " closing connection"));
            case "VRFY" ->
                session.reply(
                        SmtpReply.of(252, "2.5.0 cannot VRFY user, but will accept message and attempt delivery"));
            case "HELP" ->
                session.reply(SmtpReply.of(
                        214,
                        "2.0.0 commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP"
                                + (tlsOffered() ? " STARTTLS" : "")));
            case "STARTTLS" -> startTls(argument);
            default ->
                error(
                        NOT_IMPLEMENTED.contains(verb) ? 502 : 500,
                        NOT_IMPLEMENTED.contains(verb)
                                ? "5.5.1 command not implemented"
                                : "5.5.2 command unrecognized");
        }
    }

    private void hello(String argument, boolean extended) {
        if (argument.isEmpty()) {
            error(501, "5.5.4 syntax: " + (extended ? "EHLO" : "HELO") + " hostname");
            return;
        }
        resetTransaction();
        heloName = argument;
        String greeting = context.settings.hostName() + " hello " + argument;
        if (!extended) {
            session.reply(SmtpReply.of(250, greeting));
            return;
        }
        List<String> lines = new ArrayList<>(
                List.of(greeting, "SIZE " + context.settings.maxMessageBytes(), "8BITMIME", "PIPELINING"));
        if (tlsOffered()) {
            lines.add("STARTTLS");
        }
        session.reply(new SmtpReply(250, lines));
    }

    private void mail(String argument) {
        if (heloName == null) {
            error(503, "5.5.1 send EHLO or HELO first");
            return;
        }
        if (mailFrom != null) {
            error(503, "5.5.1 nested MAIL command");
            return;
        }
        Optional<PathArgument> parsed = PathArgument.parse(argument, "FROM:");
        if (parsed.isEmpty()) {
            error(501, "5.5.4 syntax: MAIL FROM:<address>");
            return;
        }
        long size = 0;
        for (Map.Entry<String, String> p : parsed.get().parameters().entrySet()) {
            switch (p.getKey()) {
                case "SIZE" -> {
                    long declared = parseSize(p.getValue());
                    if (declared < 0) {
                        error(501, "5.5.4 bad SIZE parameter");
                        return;
                    }
                    if (declared > context.settings.maxMessageBytes()) {
                        context.counters.messagesTooLarge.increment();
                        session.reply(SmtpReply.of(
                                552,
                                "5.3.4 message size exceeds fixed maximum message size ("
                                        + context.settings.maxMessageBytes() + " bytes)"));
                        return;
                    }
                    size = declared;
                }
                case "BODY" -> {
                    if (!p.getValue().equalsIgnoreCase("7BIT") && !p.getValue().equalsIgnoreCase("8BITMIME")) {
                        error(501, "5.5.4 BODY must be 7BIT or 8BITMIME");
                        return;
                    }
                }
                default -> {
                    error(555, "5.5.4 MAIL parameter " + p.getKey() + " not recognized");
                    return;
                }
            }
        }
        mailFrom = parsed.get().path();
        declaredSize = size;
        session.reply(SmtpReply.of(250, "2.1.0 OK"));
    }

    private void recipient(String argument) {
        if (mailFrom == null) {
            error(503, "5.5.1 need MAIL before RCPT");
            return;
        }
        Optional<PathArgument> parsed = PathArgument.parse(argument, "TO:");
        if (parsed.isEmpty() || parsed.get().path().isEmpty()) {
            error(501, "5.5.4 syntax: RCPT TO:<address>");
            return;
        }
        if (!parsed.get().parameters().isEmpty()) {
            error(555, "5.5.4 RCPT parameters not recognized");
            return;
        }
        if (recipients.size() >= context.settings.maxRecipients()) {
            session.reply(SmtpReply.of(452, "4.5.3 too many recipients"));
            return;
        }
        String rcptTo = parsed.get().path();
        SmtpReply reply;
        try {
            reply = context.receiver.onRecipient(context.attachment, mailFrom, rcptTo);
        } catch (RuntimeException e) {
            SmtpLog.LOG.warn("mm4 smtp: onRecipient failed client={} error={}", context.clientKey, e.toString());
            reply = SmtpReply.tryLater("4.3.0 local error in processing, try again later");
        }
        if (reply == null) {
            reply = SmtpReply.tryLater("4.3.0 local error in processing, try again later");
        }
        if (reply.isPositive()) {
            recipients.add(rcptTo);
        }
        session.reply(reply);
    }

    private void data(String argument) {
        if (!argument.isEmpty()) {
            error(501, "5.5.4 syntax: DATA");
        } else if (mailFrom == null) {
            error(503, "5.5.1 need MAIL command");
        } else if (recipients.isEmpty()) {
            error(503, "5.5.1 need RCPT command");
        } else {
            spool = new Spool(context.settings.spoolMemoryBytes(), context.settings.spoolDirectory(), declaredSize);
            dataBytes = 0;
            tooLarge = false;
            spoolError = null;
            decoder.enterData();
            session.reply(SmtpReply.of(354, "end data with <CR><LF>.<CR><LF>"));
        }
    }

    void dataChunk(ByteBuf chunk) {
        if (spool == null) {
            return;
        }
        dataBytes += chunk.readableBytes();
        if (tooLarge || spoolError != null) {
            return;
        }
        if (dataBytes > context.settings.maxMessageBytes()) {
            tooLarge = true;
            spool.delete();
            return;
        }
        try {
            spool.write(chunk);
        } catch (IOException e) {
            SmtpLog.LOG.warn("mm4 smtp: cannot spool message client={} error={}", context.clientKey, e.toString());
            spoolError = e;
            spool.delete();
        }
    }

    void endOfData() {
        Spool body = spool;
        spool = null;
        if (body == null) {
            return;
        }
        if (tooLarge) {
            context.counters.messagesTooLarge.increment();
            resetTransaction();
            session.reply(SmtpReply.of(
                    552,
                    "5.3.4 message size exceeds fixed maximum message size (" + context.settings.maxMessageBytes()
                            + " bytes)"));
            return;
        }
        try {
            if (spoolError == null) {
                body.finish();
            }
        } catch (IOException e) {
            spoolError = e;
        }
        if (spoolError != null) {
            body.delete();
            resetTransaction();
            session.reply(SmtpReply.tryLater("4.3.0 local error in processing, try again later"));
            return;
        }
        Envelope envelope = new Envelope(context.source, heloName, mailFrom, recipients, tlsActive);
        resetTransaction();
        context.counters.messagesReceived.increment();
        context.counters.bytesReceived.add(body.size());
        session.awaitReply(envelope, body);
    }

    /** The connection went away or times out mid-body: the body is discarded. */
    void abandonData() {
        if (spool != null) {
            spool.delete();
            spool = null;
        }
    }

    private void startTls(String argument) {
        if (!tlsOffered()) {
            error(tlsActive ? 503 : 502, tlsActive ? "5.5.1 TLS already active" : "5.5.1 command not implemented");
            return;
        }
        if (!argument.isEmpty()) {
            error(501, "5.5.4 syntax: STARTTLS");
            return;
        }
        session.dropPipelined();
        session.reply(SmtpReply.of(220, "2.0.0 ready to start TLS"));
        Channel channel = session.channel();
        // startTls: the 220 above still leaves in plain text; everything after is TLS.
        channel.pipeline()
                .addBefore(
                        SmtpServer.FRAMER, "tls", new SslHandler(context.sslContext.newEngine(channel.alloc()), true));
        channel.flush();
        tlsActive = true;
        heloName = null;
        resetTransaction();
    }

    private boolean tlsOffered() {
        return context.sslContext != null && !tlsActive;
    }

    private void resetTransaction() {
        mailFrom = null;
        declaredSize = 0;
        recipients.clear();
    }

    private void error(int code, String text) {
        context.counters.commandErrors.increment();
        session.reply(SmtpReply.of(code, text));
    }

    private static long parseSize(String value) {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(value);
    }
}

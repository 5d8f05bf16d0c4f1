package io.gomsggw.mm4.outbound;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends one MM4 message (a {@link MimeMessage} built by {@link io.gomsggw.mm4.codec.Mm4Writer}) to an SMTP
 * server in one transaction: connect, {@code EHLO}, optional {@code STARTTLS}, {@code MAIL FROM} and
 * {@code RCPT TO} from the {@link SmtpEnvelope} (MM4 addresses such as {@code +12505551234/TYPE=PLMN@domain}
 * as written), {@code DATA}, {@code QUIT}. Uses Jakarta Mail's SMTP transport; a recipient refused makes
 * the whole transaction fail (nothing is sent to the others).
 *
 * <p><b>Threading:</b> thread-safe. The SMTP conversation blocks, so it runs on the {@link Executor} given
 * to the constructor (bounded, owned by the caller), never on the thread calling {@link #send}. Each send
 * opens its own connection, and while it writes, Jakarta Mail keeps one timer thread for the write timeout.
 *
 * <p><b>Errors:</b> the stage completes with a {@link SendResult}: {@code 4xx} replies, connection failures,
 * timeouts, TLS failures and a full executor are {@link SendResult.TransientFailure}s, {@code 5xx} replies
 * {@link SendResult.PermanentFailure}s. It completes exceptionally only on a bug (a runtime exception).
 */
public final class Mm4Sender {
    private final Mm4SenderSettings settings;
    private final Executor executor;

    /**
     * @param settings how to talk SMTP
     * @param executor where the blocking SMTP conversations run; should be bounded (its refusal is reported
     *                 as a transient failure)
     */
    public Mm4Sender(Mm4SenderSettings settings, Executor executor) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Sends {@code message} to {@code target} with {@code envelope}. The message is written as it is (its
     * headers are not changed); it must not be modified until the stage completes.
     */
    public CompletionStage<SendResult> send(SmtpTarget target, SmtpEnvelope envelope, MimeMessage message) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(message, "message");
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(sendNow(target, envelope, message));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.complete(new SendResult.TransientFailure(SendResult.NO_REPLY, "MM4 sender busy: executor full"));
        }
        return result;
    }

    private SendResult sendNow(SmtpTarget target, SmtpEnvelope envelope, MimeMessage message) {
        Session session = Session.getInstance(properties(envelope));
        SMTPTransport transport;
        try {
            transport = (SMTPTransport) session.getTransport("smtp");
        } catch (MessagingException e) {
            throw new IllegalStateException("Angus Mail's SMTP transport is missing from the class path", e);
        }
        try {
            transport.connect(target.host(), target.port(), null, null);
            transport.sendMessage(message, recipients(envelope));
            return new SendResult.Accepted(reply(transport.getLastServerResponse(), "accepted"));
        } catch (MessagingException e) {
            return failure(e, transport);
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                // QUIT after the outcome is known changes nothing.
            }
        }
    }

    private Properties properties(SmtpEnvelope envelope) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.from", envelope.mailFrom());
        p.setProperty("mail.smtp.localhost", settings.ehloName());
        p.setProperty(
                "mail.smtp.connectiontimeout", millis(settings.connectTimeout().toMillis()));
        p.setProperty("mail.smtp.timeout", millis(settings.readTimeout().toMillis()));
        p.setProperty("mail.smtp.writetimeout", millis(settings.readTimeout().toMillis()));
        p.setProperty("mail.smtp.quitwait", "true");
        boolean tls = settings.startTls() != Mm4SenderSettings.StartTls.DISABLED;
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(tls));
        p.setProperty(
                "mail.smtp.starttls.required",
                Boolean.toString(settings.startTls() == Mm4SenderSettings.StartTls.REQUIRED));
        p.setProperty("mail.smtp.ssl.checkserveridentity", Boolean.toString(settings.checkServerIdentity()));
        settings.tlsSocketFactory().ifPresent(f -> p.put("mail.smtp.ssl.socketFactory", f));
        return p;
    }

    private static String millis(long ms) {
        return Long.toString(Math.min(ms, Integer.MAX_VALUE));
    }

    private static InternetAddress[] recipients(SmtpEnvelope envelope) {
        InternetAddress[] out = new InternetAddress[envelope.recipients().size()];
        for (int i = 0; i < out.length; i++) {
            // setAddress takes MM4 addresses as written; parsing would refuse "+1.../TYPE=PLMN" without a domain.
            out[i] = new InternetAddress();
            out[i].setAddress(envelope.recipients().get(i));
        }
        return out;
    }

    private static SendResult failure(MessagingException e, SMTPTransport transport) {
        if (e instanceof SMTPSendFailedException sent) {
            // MAIL FROM, DATA or the end of data refused.
            return byCode(sent.getReturnCode(), reply(sent.getMessage(), "refused"));
        }
        if (e instanceof SendFailedException) {
            // Recipients refused: permanent only when every refusal was.
            int code = 0;
            String text = null;
            for (Exception next = e.getNextException();
                    next != null;
                    next = next instanceof MessagingException m ? m.getNextException() : null) {
                if (next instanceof SMTPAddressFailedException a) {
                    if (code == 0 || a.getReturnCode() / 100 == 4) {
                        code = a.getReturnCode();
                        text = a.getMessage();
                    }
                }
            }
            if (code != 0) {
                return byCode(code, reply(text, "recipient refused"));
            }
        }
        IOException io = ioCause(e);
        if (io != null) {
            return new SendResult.TransientFailure(
                    SendResult.NO_REPLY,
                    io.getClass().getSimpleName() + ": " + Objects.toString(io.getMessage(), "I/O failure"));
        }
        // Greeting, EHLO/HELO or STARTTLS refused: the transport kept the last reply. Otherwise (STARTTLS
        // required but not offered) the last reply was a success and the exception says what failed.
        int code = transport.getLastReturnCode();
        String what = Objects.toString(e.getMessage(), "SMTP failure");
        return code >= 400 && code < 600
                ? byCode(code, reply(transport.getLastServerResponse(), what))
                : new SendResult.TransientFailure(SendResult.NO_REPLY, what);
    }

    private static SendResult byCode(int code, String reply) {
        if (code >= 500 && code < 600) {
            return new SendResult.PermanentFailure(code, reply);
        }
        if (code >= 400 && code < 500) {
            return new SendResult.TransientFailure(code, reply);
        }
        return new SendResult.TransientFailure(SendResult.NO_REPLY, reply);
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static String reply(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text.strip();
    }
}

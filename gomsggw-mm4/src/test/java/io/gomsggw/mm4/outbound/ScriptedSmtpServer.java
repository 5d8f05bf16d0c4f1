package io.gomsggw.mm4.outbound;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny SMTP server on 127.0.0.1 whose replies a test scripts: per command verb the reply to give
 * ({@code GREETING}, {@code EHLO}, {@code MAIL}, {@code RCPT}, {@code DATA}, {@code END} for the end of
 * data), optionally {@code STARTTLS} with a given TLS context. It records the command lines it read, and
 * whether each was read over TLS. One connection at a time, on its own thread.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> tlsCommands = new CopyOnWriteArrayList<>();
    private final CountDownLatch greetingGate = new CountDownLatch(1);
    private final SSLContext tls;
    private final Thread thread;
    private volatile boolean holdGreeting;
    private volatile boolean silent;

    ScriptedSmtpServer(SSLContext tls) throws IOException {
        this.tls = tls;
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        replies.put("GREETING", "220 scripted ESMTP");
        replies.put(
                "EHLO", tls == null ? "250-scripted\r\n250 8BITMIME" : "250-scripted\r\n250-STARTTLS\r\n250 8BITMIME");
        replies.put("HELO", "250 scripted");
        replies.put("MAIL", "250 sender ok");
        replies.put("RCPT", "250 recipient ok");
        replies.put("DATA", "354 go ahead");
        replies.put("END", "250 queued as 7");
        replies.put("RSET", "250 reset");
        replies.put("QUIT", "221 bye");
        replies.put("STARTTLS", "220 go ahead with TLS");
        thread = new Thread(this::serve, "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    ScriptedSmtpServer() throws IOException {
        this(null);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Answers {@code verb} with {@code reply} from now on. */
    ScriptedSmtpServer reply(String verb, String reply) {
        replies.put(verb, reply);
        return this;
    }

    /** Waits for {@link #releaseGreeting()} before greeting. */
    ScriptedSmtpServer holdGreeting() {
        holdGreeting = true;
        return this;
    }

    void releaseGreeting() {
        greetingGate.countDown();
    }

    /** Accepts connections and never says anything. */
    ScriptedSmtpServer silent() {
        silent = true;
        return this;
    }

    List<String> commands() {
        return commands;
    }

    List<String> tlsCommands() {
        return tlsCommands;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                converse(s);
            } catch (IOException | InterruptedException e) {
                // connection over (or server closed)
            }
        }
    }

    private void converse(Socket s) throws IOException, InterruptedException {
        if (silent) {
            s.getInputStream().read();
            return;
        }
        if (holdGreeting) {
            greetingGate.await(30, TimeUnit.SECONDS);
        }
        Socket current = s;
        boolean secure = false;
        BufferedReader in = reader(current);
        OutputStream out = current.getOutputStream();
        send(out, replies.get("GREETING"));
        if (!replies.get("GREETING").startsWith("2")) {
            in.readLine();
            return;
        }
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            if (secure) {
                tlsCommands.add(line);
            }
            String verb = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
            if (verb.equals("DATA") && replies.get("DATA").startsWith("354")) {
                send(out, replies.get("DATA"));
                String data;
                while ((data = in.readLine()) != null && !data.equals(".")) {
                    // the message itself is not kept
                }
                send(out, replies.get("END"));
                continue;
            }
            send(out, replies.getOrDefault(verb, "500 unknown command"));
            if (verb.equals("QUIT")) {
                return;
            }
            if (verb.equals("STARTTLS")
                    && tls != null
                    && replies.get("STARTTLS").startsWith("220")) {
                SSLSocket upgraded = (SSLSocket) tls.getSocketFactory()
                        .createSocket(current, current.getInetAddress().getHostAddress(), current.getPort(), true);
                upgraded.setUseClientMode(false);
                upgraded.startHandshake();
                current = upgraded;
                secure = true;
                in = reader(current);
                out = current.getOutputStream();
            }
        }
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        releaseGreeting();
        socket.close();
    }
}

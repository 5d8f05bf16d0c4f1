package io.gomsggw.mm4.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A plain socket speaking SMTP line by line, to send exactly the bytes a test wants. */
final class RawSmtpClient implements AutoCloseable {

    /** One reply: the code and the text of each line. */
    record Reply(int code, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }
    }

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawSmtpClient(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, 10_000);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Writes {@code text} as given, in one write. */
    RawSmtpClient write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    RawSmtpClient write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends {@code line} with CRLF and reads the reply. */
    Reply command(String line) throws IOException {
        write(line + "\r\n");
        return reply();
    }

    Reply reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("connection closed before a reply; got " + lines);
            }
            if (line.length() < 4) {
                throw new IOException("not a reply line: " + line);
            }
            lines.add(line.substring(4));
            if (line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    /** Whether the server closed the connection (reads to the end). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

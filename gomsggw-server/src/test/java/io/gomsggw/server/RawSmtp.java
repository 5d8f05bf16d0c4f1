package io.gomsggw.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare SMTP client over a socket from a chosen local address, for replies Jakarta Mail would hide. */
final class RawSmtp implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private RawSmtp(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(30_000);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port} from {@code localAddress} (any address of 127.0.0.0/8 works on Linux). */
    static RawSmtp connect(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        return new RawSmtp(socket);
    }

    String greeting() throws IOException {
        return reply();
    }

    /** Sends one line (CRLF added) and reads the whole reply, its lines joined by a newline. */
    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    private String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return all.length() == 0 ? "(closed)" : all.toString();
            }
            all.append(all.length() == 0 ? "" : "\n").append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return all.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

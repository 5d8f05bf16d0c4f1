package io.gomsggw.smpp.testing;

import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.Bind;
import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.Pdu;
import io.gomsggw.smpp.pdu.PduDecodeException;
import io.gomsggw.smpp.pdu.PduDecoder;
import io.gomsggw.smpp.pdu.PduEncoder;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A blocking socket that speaks raw SMPP bytes, for the misbehaving peers the tests need (a client
 * that binds and goes silent, garbage, PROXY headers). Reads wait at most {@value #READ_TIMEOUT_MS}
 * ms so a broken server fails the test instead of hanging it.
 */
public final class RawSmppSocket implements AutoCloseable {
    private static final int READ_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final PduEncoder encoder = new PduEncoder();
    private final PduDecoder decoder = new PduDecoder();

    public RawSmppSocket(InetSocketAddress address) throws IOException {
        this(address, null, 0);
    }

    /**
     * A socket from {@code localAddress} ({@code null}: any; {@code 127.0.0.2} is another source on
     * loopback, which Linux routes to {@code lo}) with a receive buffer of {@code receiveBufferBytes}
     * (0: the system's, which grows as needed).
     */
    public RawSmppSocket(InetSocketAddress address, InetAddress localAddress, int receiveBufferBytes)
            throws IOException {
        socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(address);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public void send(Pdu pdu) throws IOException {
        sendBytes(encoder.encode(pdu));
    }

    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void sendText(String text) throws IOException {
        sendBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Binds as {@code user/secret} in {@code mode} and returns the response. */
    public Pdu bind(BindMode mode) throws IOException, PduDecodeException {
        return bind(mode, TestServerHandler.USER, TestServerHandler.PASSWORD);
    }

    /** Binds as {@code systemId/password} in {@code mode} and returns the response. */
    public Pdu bind(BindMode mode, String systemId, String password) throws IOException, PduDecodeException {
        send(new Bind(mode, 1, systemId, password, "", Bind.INTERFACE_VERSION_34, Address.EMPTY));
        return read();
    }

    /** Reads the next PDU. */
    public Pdu read() throws IOException, PduDecodeException {
        int length = in.readInt();
        if (length < 16 || length > PduDecoder.DEFAULT_MAX_PDU_LENGTH) {
            throw new IOException("bad command_length " + length);
        }
        byte[] pdu = new byte[length];
        ByteBuffer.wrap(pdu).putInt(length);
        in.readFully(pdu, 4, length - 4);
        return decoder.decode(pdu);
    }

    /** Whether the peer closes the connection (reads until end of stream, discarding PDUs). */
    public boolean closedByPeer() throws IOException {
        try {
            while (in.read() >= 0) {
                // discard
            }
            return true;
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return "Connection reset".equals(e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

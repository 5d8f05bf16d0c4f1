package io.gomsggw.transcode.worker;

import io.gomsggw.transcode.detect.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The frames between the gateway and a worker process, over the worker's standard input and
 * output. A pure codec over streams: it starts no process and knows no pool.
 *
 * <p>Every frame is {@code magic "GMAV" (4 bytes) | kind (1) | length (4, big-endian) | body}.
 * The length is checked against the reader's limit before anything is allocated, and every
 * length inside the body against what is left of it, so a frame can never make the reader
 * allocate more than its limit. A frame that does not start with the magic (a crashing JVM prints
 * its report on standard output) is a {@link ProtocolException} carrying what was read instead.
 *
 * <p>Bodies: hello {@code available (1) | detail (UTF)}; request {@code id (8) | type (UTF) |
 * budget (8) | timeout ms (8) | output count (4) | outputs (UTF each) | content length (4) | content};
 * done {@code id (8) | type (UTF) | content length (4) | content}; refused {@code id (8) | code (UTF) |
 * message (UTF)}. Texts are cut to {@value #MAX_TEXT} characters.
 */
final class WorkerProtocol {
    static final int MAGIC = 0x474D4156; // "GMAV"
    static final int MAX_TEXT = 4000;
    private static final int HELLO = 1;
    private static final int REQUEST = 2;
    private static final int DONE = 3;
    private static final int REFUSED = 4;
    private static final int MAX_HELLO = 64 * 1024;

    private WorkerProtocol() {}

    static void writeHello(OutputStream out, Hello hello) throws IOException {
        Body body = new Body();
        body.data.writeBoolean(hello.available());
        body.text(hello.detail());
        frame(out, HELLO, body, new byte[0]);
    }

    static void writeRequest(OutputStream out, JobRequest request) throws IOException {
        Body body = new Body();
        body.data.writeLong(request.id());
        body.data.writeUTF(request.type().name());
        body.data.writeLong(request.budget());
        body.data.writeLong(request.timeout().toMillis());
        body.data.writeInt(request.outputs().size());
        for (MediaType output : request.outputs()) body.data.writeUTF(output.name());
        body.data.writeInt(request.content().length);
        frame(out, REQUEST, body, request.content());
    }

    static void writeResult(OutputStream out, JobResult result) throws IOException {
        Body body = new Body();
        body.data.writeLong(result.id());
        if (result instanceof JobResult.Done done) {
            body.data.writeUTF(done.type().name());
            body.data.writeInt(done.content().length);
            frame(out, DONE, body, done.content());
        } else {
            JobResult.Refused refused = (JobResult.Refused) result;
            body.text(refused.code());
            body.text(refused.message());
            frame(out, REFUSED, body, new byte[0]);
        }
    }

    /** @throws EOFException when the worker ended before saying hello */
    static Hello readHello(InputStream in) throws IOException {
        Frame frame = Frame.read(in, MAX_HELLO, false).orElseThrow();
        frame.expect(HELLO);
        Hello hello = new Hello(frame.body.readBoolean(), frame.body.readUTF());
        frame.end();
        return hello;
    }

    /** The next request, or empty when the gateway closed the stream between frames. */
    static Optional<JobRequest> readRequest(InputStream in, long maxBytes) throws IOException {
        Optional<Frame> next = Frame.read(in, maxBytes, true);
        if (next.isEmpty()) return Optional.empty();
        Frame frame = next.get();
        frame.expect(REQUEST);
        long id = frame.body.readLong();
        MediaType type = frame.type();
        long budget = frame.body.readLong();
        long timeoutMillis = frame.body.readLong();
        int count = frame.body.readInt();
        if (count < 0 || count > MediaType.values().length) throw new ProtocolException("bad output count " + count);
        List<MediaType> outputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) outputs.add(frame.type());
        if (budget < 1 || timeoutMillis < 1) throw new ProtocolException("bad budget or timeout");
        JobRequest request = new JobRequest(id, type, budget, Duration.ofMillis(timeoutMillis), outputs, frame.bytes());
        frame.end();
        return Optional.of(request);
    }

    /** @throws EOFException when the worker ended before answering */
    static JobResult readResult(InputStream in, long maxBytes) throws IOException {
        Frame frame = Frame.read(in, maxBytes, false).orElseThrow();
        JobResult result;
        long id;
        switch (frame.kind) {
            case DONE -> {
                id = frame.body.readLong();
                result = new JobResult.Done(id, frame.type(), frame.bytes());
            }
            case REFUSED -> {
                id = frame.body.readLong();
                result = new JobResult.Refused(id, frame.body.readUTF(), frame.body.readUTF());
            }
            default -> throw new ProtocolException("expected a result, got a frame of kind " + frame.kind);
        }
        frame.end();
        return result;
    }

    private static void frame(OutputStream out, int kind, Body body, byte[] content) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeByte(kind);
        data.writeInt(body.bytes.size() + content.length);
        body.bytes.writeTo(data);
        data.write(content);
        data.flush();
    }

    /** The fields of a body before its content. */
    private static final class Body {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream data = new DataOutputStream(bytes);

        void text(String s) throws IOException {
            data.writeUTF(s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s);
        }
    }

    /** A frame being read: its kind and a reader that cannot go past its body. */
    private static final class Frame {
        final int kind;
        final Bounded bounded;
        final DataInputStream body;

        private Frame(int kind, Bounded bounded) {
            this.kind = kind;
            this.bounded = bounded;
            this.body = new DataInputStream(bounded);
        }

        /** @param endAllowed whether the stream may end before the frame (an empty result then) */
        static Optional<Frame> read(InputStream in, long maxBytes, boolean endAllowed) throws IOException {
            byte[] head = in.readNBytes(4);
            if (head.length == 0) {
                if (endAllowed) return Optional.empty();
                throw new EOFException("stream ended before a frame");
            }
            if (head.length < 4) throw new ProtocolException("stream ended inside a frame header", head);
            int magic = (head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | head[3] & 0xFF;
            if (magic != MAGIC) throw new ProtocolException("unexpected output instead of a frame", head);
            DataInputStream data = new DataInputStream(in);
            int kind = data.readUnsignedByte();
            int length = data.readInt();
            if (length < 0 || length > maxBytes) {
                throw new ProtocolException(
                        "frame of " + Integer.toUnsignedString(length) + " bytes is over the limit of " + maxBytes);
            }
            return Optional.of(new Frame(kind, new Bounded(in, length)));
        }

        void expect(int expected) throws ProtocolException {
            if (kind != expected) throw new ProtocolException("expected a frame of kind " + expected + ", got " + kind);
        }

        MediaType type() throws IOException {
            String name = body.readUTF();
            try {
                return MediaType.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("unknown media type " + name);
            }
        }

        /** A length and that many bytes, the length checked against what is left of the body. */
        byte[] bytes() throws IOException {
            int n = body.readInt();
            if (n < 0 || n > bounded.remaining) {
                throw new ProtocolException("content of " + n + " bytes runs past its frame");
            }
            byte[] content = new byte[n];
            body.readFully(content);
            return content;
        }

        void end() throws ProtocolException {
            if (bounded.remaining != 0) throw new ProtocolException(bounded.remaining + " bytes left over in a frame");
        }
    }

    /** At most {@code remaining} bytes of the underlying stream; its end is an {@link EOFException}. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        long remaining;

        Bounded(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) return -1;
            int b = in.read();
            if (b < 0) throw new EOFException("stream ended inside a frame");
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) return -1;
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) throw new EOFException("stream ended inside a frame");
            remaining -= n;
            return n;
        }
    }
}

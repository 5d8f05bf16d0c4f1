package io.gomsggw.mm4.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames the bytes of an SMTP connection. Between commands it emits each command line as a
 * {@code String} (without its line end), or {@link Frame#LINE_TOO_LONG} for a line longer than the
 * limit (discarded without being held). After {@link #enterData} it emits the message body as
 * {@link ByteBuf} chunks, dot-unstuffed and line ends kept, then {@link Frame#END_OF_DATA} at the
 * final {@code .}, and is back between commands: pipelined commands after the body frame correctly.
 * A body is never held whole: each chunk is what one read brought.
 *
 * <p>Line ends: CRLF, and a bare LF is taken too (lenient with old PBXs; the gateway is the final
 * receiver, it relays nothing). Event loop only.
 */
final class SmtpFrameDecoder extends ByteToMessageDecoder {

    /** Markers emitted between the lines and chunks. */
    enum Frame {
        /** A command line was longer than the limit; it was discarded. */
        LINE_TOO_LONG,
        /** The final {@code .} of a message body. */
        END_OF_DATA
    }

    private final int maxLineLength;
    private boolean inData;
    private boolean atLineStart = true;
    private boolean discardingLongLine;

    SmtpFrameDecoder(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    /** From the next byte on, the message body follows. */
    void enterData() {
        inData = true;
        atLineStart = true;
    }

    /**
     * Drops the bytes received but not yet framed (after {@code STARTTLS}: plain text a client
     * pipelined behind it must not be taken as if it came over TLS).
     */
    void dropBuffered() {
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (inData) {
            decodeData(in, out);
        } else {
            decodeCommand(in, out);
        }
    }

    private void decodeCommand(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int lf = in.forEachByte(ByteProcessor.FIND_LF);
        if (lf < 0) {
            if (discardingLongLine || in.readableBytes() > maxLineLength) {
                discardingLongLine = true;
                in.skipBytes(in.readableBytes());
            }
            return;
        }
        in.readerIndex(lf + 1);
        if (discardingLongLine || lf + 1 - start > maxLineLength) {
            discardingLongLine = false;
            out.add(Frame.LINE_TOO_LONG);
            return;
        }
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        out.add(in.toString(start, end - start, StandardCharsets.UTF_8));
    }

    private void decodeData(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        if (atLineStart && in.getByte(start) == '.') {
            if (in.readableBytes() < 2) {
                return;
            }
            byte next = in.getByte(start + 1);
            if (next == '\n' || next == '\r') {
                if (next == '\r' && in.readableBytes() < 3) {
                    return;
                }
                if (next == '\n' || in.getByte(start + 2) == '\n') {
                    in.skipBytes(next == '\n' ? 2 : 3);
                    inData = false;
                    out.add(Frame.END_OF_DATA);
                    return;
                }
            }
            in.skipBytes(1);
            start++;
            atLineStart = false;
        }
        // Up to the next line that starts with a dot (exclusive), or everything there is.
        LineStartDot finder = new LineStartDot(atLineStart);
        int dot = in.forEachByte(start, in.writerIndex() - start, finder);
        int end = dot < 0 ? in.writerIndex() : dot;
        if (end > start) {
            out.add(in.readRetainedSlice(end - start));
            atLineStart = in.getByte(end - 1) == '\n';
        }
    }

    /** Finds a {@code .} that starts a line. */
    private static final class LineStartDot implements ByteProcessor {
        private boolean lineStart;

        LineStartDot(boolean lineStart) {
            this.lineStart = lineStart;
        }

        @Override
        public boolean process(byte value) {
            if (lineStart && value == '.') {
                return false;
            }
            lineStart = value == '\n';
            return true;
        }
    }
}

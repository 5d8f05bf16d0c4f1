package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.PduDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts the byte stream into PDUs by {@code command_length}. A {@code command_length} below 16 or
 * above the maximum means framing is lost: the decoder passes on the first (up to 16) bytes, so
 * that {@link PduCodec} reports them as a framing error and the session answers
 * {@code generic_nack ESME_RINVCMDLEN} and closes; everything after that is discarded.
 */
final class SmppFrameDecoder extends LengthFieldBasedFrameDecoder {
    private final int maxPduLength;
    private boolean framingLost;

    SmppFrameDecoder(int maxPduLength) {
        super(maxPduLength, 0, 4, -4, 0, true);
        this.maxPduLength = maxPduLength;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (framingLost) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        if (in.readableBytes() >= 4) {
            long length = in.getUnsignedInt(in.readerIndex());
            if (length < PduDecoder.HEADER_LENGTH || length > maxPduLength) {
                framingLost = true;
                ByteBuf header = in.readRetainedSlice(Math.min(PduDecoder.HEADER_LENGTH, in.readableBytes()));
                in.skipBytes(in.readableBytes());
                return header;
            }
        }
        return super.decode(ctx, in);
    }
}

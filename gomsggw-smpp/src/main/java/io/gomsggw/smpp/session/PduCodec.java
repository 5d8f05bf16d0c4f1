package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.Pdu;
import io.gomsggw.smpp.pdu.PduDecodeException;
import io.gomsggw.smpp.pdu.PduDecoder;
import io.gomsggw.smpp.pdu.PduEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;

/**
 * Frames to {@link Pdu}s and back with the pure codec. A frame that does not decode becomes a
 * {@link MalformedPdu} for the session handler to answer; nothing is thrown.
 */
final class PduCodec extends MessageToMessageCodec<ByteBuf, Pdu> {
    private final PduDecoder decoder;
    private final PduEncoder encoder = new PduEncoder();

    PduCodec(int maxPduLength) {
        this.decoder = new PduDecoder(maxPduLength);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Pdu pdu, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(encoder.encode(pdu)));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        try {
            out.add(decoder.decode(ByteBufUtil.getBytes(frame)));
        } catch (PduDecodeException e) {
            out.add(new MalformedPdu(e));
        }
    }
}

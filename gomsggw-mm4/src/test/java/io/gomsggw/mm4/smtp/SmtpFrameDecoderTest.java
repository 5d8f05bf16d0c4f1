package io.gomsggw.mm4.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gomsggw.mm4.smtp.SmtpFrameDecoder.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The framer, fed the same bytes cut at every possible place. */
class SmtpFrameDecoderTest {

    private static final String WIRE = "DATA\r\n"
            + "Subject: dots\r\n\r\n..one dot\r\n...two dots\r\n.\r\nx\r\n"
            + "DATA\r\nnot.a.dot\r\nbare\nline\n..bare dot\r\n.\n"
            + "NOOP\r\nQUIT\r\n";
    private static final String BODY = "Subject: dots\r\n\r\n.one dot\r\n..two dots\r\n";
    /** Bare LF line ends are taken, the dot at a line start after one too. */
    private static final String BARE_LF_BODY = "not.a.dot\r\nbare\nline\n.bare dot\r\n";

    @Test
    void framesTheSameWayWhereverTheBytesAreCut() {
        List<String> whole = frames(List.of(WIRE));
        assertEquals(
                List.of("DATA", "<body>" + BODY, "END", "x", "DATA", "<body>" + BARE_LF_BODY, "END", "NOOP", "QUIT"),
                whole);
        byte[] bytes = WIRE.getBytes(StandardCharsets.US_ASCII);
        for (int cut = 1; cut < bytes.length; cut++) {
            assertEquals(whole, frames(List.of(WIRE.substring(0, cut), WIRE.substring(cut))), "cut at " + cut);
        }
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<String> pieces = new ArrayList<>();
            int at = 0;
            while (at < WIRE.length()) {
                int next = Math.min(WIRE.length(), at + 1 + random.nextInt(7));
                pieces.add(WIRE.substring(at, next));
                at = next;
            }
            assertEquals(whole, frames(pieces), "pieces " + pieces);
        }
    }

    @Test
    void aLongCommandLineIsOneMarkerAndTheNextLineIsFine() {
        assertEquals(List.of("TOO LONG", "NOOP"), frames(List.of("X".repeat(700), "Y".repeat(700) + "\r\nNOOP\r\n")));
    }

    /** Frames {@code pieces}; each {@code DATA} line enters the body, as the session does. */
    private static List<String> frames(List<String> pieces) {
        SmtpFrameDecoder decoder = new SmtpFrameDecoder(512);
        List<String> frames = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf chunk) {
                    byte[] b = new byte[chunk.readableBytes()];
                    chunk.readBytes(b);
                    chunk.release();
                    body.writeBytes(b);
                } else if (msg == Frame.END_OF_DATA) {
                    frames.add("<body>" + body.toString(StandardCharsets.US_ASCII));
                    frames.add("END");
                    body.reset();
                } else if (msg == Frame.LINE_TOO_LONG) {
                    frames.add("TOO LONG");
                } else {
                    frames.add((String) msg);
                    if (msg.equals("DATA")) {
                        decoder.enterData();
                    }
                }
            }
        });
        for (String piece : pieces) {
            channel.writeInbound(Unpooled.copiedBuffer(piece, StandardCharsets.US_ASCII));
        }
        channel.finishAndReleaseAll();
        return frames;
    }
}

package dev.fosc.client.internal;

import dev.fosc.codec.FoscAudioData;
import dev.fosc.codec.FoscFrameDecoder;
import dev.fosc.codec.FoscInvalidMessage;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscVideoData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A stream of video (some kept beyond the read, some malformed), audio and small control frames, cut at random
 * points, comes out of {@link FoscClientDecoder} as the same messages in the same order, with the same bytes, however
 * it is cut; every buffer is released (the test JVM's leak detector fails the run otherwise).
 */
class FoscClientDecoderSplitTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private record Sent(String kind, byte[] data) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void anyCutDeliversTheSameFramesAndLeaksNothing(long seed) {
        Random random = new Random(seed);
        ByteBuf stream = ALLOC.buffer();
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int pick = random.nextInt(10);
            byte[] data = new byte[pick < 6 ? random.nextInt(3000) : random.nextInt(200)];
            random.nextBytes(data);
            if (pick < 6) {
                media(stream, 26, data, data.length, 0);
                sent.add(new Sent("video", data));
            } else if (pick < 7) {
                media(stream, 26, data, data.length + 1, 0); // the header disagrees with the length
                sent.add(new Sent("invalid VIDEO_DATA", null));
            } else if (pick < 9) {
                media(stream, 27, data, 0, data.length);
                sent.add(new Sent("audio", data));
            } else {
                stream.writeIntLE(29).writeBytes("FOSC".getBytes(StandardCharsets.US_ASCII)).writeIntLE(4)
                        .writeIntLE(0); // LOGIN_CHECK_REPLY, result 0
                sent.add(new Sent("LOGIN_CHECK_REPLY", null));
            }
        }
        List<Sent> received = new ArrayList<>();
        List<DefaultFoscVideoFrame> kept = new ArrayList<>();
        Consumer<Object> receive = msg -> {
            try {
                received.add(describe(msg));
                if (msg instanceof DefaultFoscVideoFrame && random.nextInt(4) == 0) {
                    kept.add((DefaultFoscVideoFrame) ((DefaultFoscVideoFrame) msg).retain());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(new FoscClientDecoder(FoscFrameDecoder.DEFAULT_MAX_PAYLOAD_LENGTH,
                receive::accept), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        receive.accept(msg);
                    }
                });
        while (stream.isReadable()) {
            int n = Math.min(stream.readableBytes(), 1 + random.nextInt(random.nextBoolean() ? 64 : 8192));
            ch.writeInbound(stream.readRetainedSlice(n));
        }
        stream.release();
        assertEquals(sent.size(), received.size());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(sent.get(i).kind(), received.get(i).kind(), "message " + i);
            if (sent.get(i).data() != null) {
                assertEquals(ByteBufUtil.hexDump(sent.get(i).data()), ByteBufUtil.hexDump(received.get(i).data()),
                        "message " + i);
            }
        }
        for (DefaultFoscVideoFrame frame : kept) { // kept beyond their reads: still intact, then let go
            assertEquals(frame.header().videoLength(), frame.data().readableBytes());
            frame.release();
        }
        assertFalse(ch.finish());
    }

    private static Sent describe(Object msg) {
        if (msg instanceof DefaultFoscVideoFrame) {
            return new Sent("video", ByteBufUtil.getBytes(((DefaultFoscVideoFrame) msg).data()));
        }
        if (msg instanceof FoscVideoData) { // a frame with no video bytes that spanned reads: the codec's message
            return new Sent("video", ByteBufUtil.getBytes(((FoscVideoData) msg).content()));
        }
        if (msg instanceof FoscAudioData) {
            return new Sent("audio", ByteBufUtil.getBytes(((FoscAudioData) msg).content()));
        }
        if (msg instanceof FoscInvalidMessage) {
            return new Sent("invalid " + ((FoscInvalidMessage) msg).command().name(), null);
        }
        return new Sent(((FoscMessage) msg).command().name(), null);
    }

    private static void media(ByteBuf out, int command, byte[] data, int videoLength, int audioLength) {
        out.writeIntLE(command).writeBytes("FOSC".getBytes(StandardCharsets.US_ASCII)).writeIntLE(36 + data.length);
        out.writeLongLE(77).writeIntLE(videoLength).writeIntLE(audioLength).writeIntLE(0).writeIntLE(640)
                .writeIntLE(360).writeIntLE(25).writeIntLE(0);
        out.writeBytes(data);
    }
}

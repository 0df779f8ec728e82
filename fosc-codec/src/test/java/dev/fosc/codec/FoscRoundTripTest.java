package dev.fosc.codec;

import dev.fosc.codec.FoscTestSupport.Snap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.fosc.codec.FoscTestSupport.assertFinished;
import static dev.fosc.codec.FoscTestSupport.drainInbound;
import static dev.fosc.codec.FoscTestSupport.snapAndRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every message type, in every size variant, encoded and decoded again: between a client and a camera
 * pipeline in both directions (the codec is symmetric), through FoscFrameDecoder + FoscCodec directly, and
 * through the static {@link FoscFrames} helpers.
 */
class FoscRoundTripTest {

    private static final FoscCodecOptions CLIENT_OPTIONS = FoscCodecOptions.builder().hostHeader("cam:88").build();

    /** Moves every outbound buffer of {@code from} into {@code to}. */
    private static void pump(EmbeddedChannel from, EmbeddedChannel to) {
        for (Object o; (o = from.readOutbound()) != null; ) {
            to.writeInbound(o);
        }
    }

    private static List<Snap> expectedSnaps() {
        return snapAndRelease(FoscSamples.everyMessage());
    }

    @Test
    void clientToCameraThroughPipelines() {
        EmbeddedChannel client = FoscTestSupport.client(CLIENT_OPTIONS);
        EmbeddedChannel camera = FoscTestSupport.camera(FoscCodecOptions.DEFAULT);
        List<FoscPreambleEvent> events = new ArrayList<>();
        camera.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof FoscPreambleEvent) {
                    events.add((FoscPreambleEvent) evt);
                }
                ctx.fireUserEventTriggered(evt);
            }
        });
        pump(client, camera); // the preamble
        assertEquals(List.of(new FoscPreambleEvent("cam:88")), events);
        assertNull(camera.readInbound());

        for (FoscMessage m : FoscSamples.everyMessage()) {
            client.writeOutbound(m);
        }
        pump(client, camera);
        assertEquals(expectedSnaps(), drainInbound(camera));
        assertFinished(client);
        assertFinished(camera);
    }

    @Test
    void cameraToClientThroughPipelines() {
        EmbeddedChannel client = FoscTestSupport.client(CLIENT_OPTIONS);
        EmbeddedChannel camera = FoscTestSupport.camera(FoscCodecOptions.DEFAULT);
        pump(client, camera);
        for (FoscMessage m : FoscSamples.everyMessage()) {
            camera.writeOutbound(m);
        }
        pump(camera, client);
        assertEquals(expectedSnaps(), drainInbound(client));
        assertFinished(client);
        assertFinished(camera);
    }

    @Test
    void withoutPreambleBothWays() {
        FoscCodecOptions noPreamble = FoscCodecOptions.builder().preamble(false).build();
        EmbeddedChannel client = FoscTestSupport.client(noPreamble);
        EmbeddedChannel camera = FoscTestSupport.camera(noPreamble);
        assertNull(client.readOutbound(), "no preamble in no-preamble mode");
        for (FoscMessage m : FoscSamples.everyMessage()) {
            client.writeOutbound(m);
        }
        for (FoscMessage m : FoscSamples.everyMessage()) {
            camera.writeOutbound(m);
        }
        pump(client, camera);
        pump(camera, client);
        assertEquals(expectedSnaps(), drainInbound(camera));
        assertEquals(expectedSnaps(), drainInbound(client));
        assertFinished(client);
        assertFinished(camera);
    }

    @Test
    void throughFrameDecoderAndCodecDirectly() {
        EmbeddedChannel writer = new EmbeddedChannel(new FoscFrameDecoder(), new FoscCodec());
        EmbeddedChannel reader = new EmbeddedChannel(new FoscFrameDecoder(), new FoscCodec());
        for (FoscMessage m : FoscSamples.everyMessage()) {
            assertTrue(writer.writeOutbound(m));
        }
        pump(writer, reader);
        assertEquals(expectedSnaps(), drainInbound(reader));
        assertFinished(writer);
        assertFinished(reader);
    }

    @Test
    void throughStaticFramesHelpers() {
        List<Snap> expected = expectedSnaps();
        List<Snap> actual = new ArrayList<>();
        for (FoscMessage m : FoscSamples.everyMessage()) {
            ByteBuf frame = FoscFrames.encode(m, FoscTestSupport.ALLOC);
            try {
                assertEquals(FoscFrames.HEADER_LENGTH + m.payloadLength(), frame.readableBytes(), m.toString());
                actual.addAll(snapAndRelease(List.of(FoscFrames.decode(frame))));
            } finally {
                frame.release();
                ReferenceCountUtil.release(m);
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void everyVariantIsCovered() {
        List<Snap> snaps = expectedSnaps();
        // each known command at least once, and the size variants the protocol names
        for (long id : new long[] {0, 1, 2, 3, 4, 5, 6, 12, 15, 16, 18, 20, 21, 26, 27, 29, 100, 106, 107, 108, 110,
                111, 112, 113, 23, 105, 200, 252, 0xFFFF_FFFFL}) {
            assertTrue(snaps.stream().anyMatch(s -> s.command() == id), "no sample for command " + id);
        }
        assertVariants(snaps, 4, 160, 164, 161);
        assertVariants(snaps, 108, 8, 2);
        assertVariants(snaps, 1, 129, 161);
        assertVariants(snaps, 111, 4, 2);
        assertVariants(snaps, 100, 0, 8, FoscLoginReply.DEFAULT_LENGTH);
    }

    private static void assertVariants(List<Snap> snaps, long command, int... lengths) {
        for (int length : lengths) {
            assertTrue(snaps.stream().anyMatch(s -> s.command() == command && s.length() == length),
                    "no sample of command " + command + " with " + length + " bytes");
        }
    }

    @Test
    void decodedMessagesEqualTheirOriginals() {
        // typed value messages compare equal after a round trip (records, FoscMotionAlert)
        for (FoscMessage m : FoscSamples.everyMessage()) {
            if (m instanceof io.netty.buffer.ByteBufHolder) {
                ReferenceCountUtil.release(m);
                continue;
            }
            ByteBuf frame = FoscFrames.encode(m, FoscTestSupport.ALLOC);
            try {
                assertEquals(m, FoscFrames.decode(frame));
            } finally {
                frame.release();
            }
        }
    }
}

package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client and camera pipelines talking to each other through two embedded channels. */
class FoscPipelinesTest {

    private static final FoscCredentials ADMIN = FoscCredentials.of("admin", "s3cret");

    private static EmbeddedChannel client(FoscCodecOptions options) {
        return new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                FoscPipelines.installClient(ch.pipeline(), options);
            }
        });
    }

    private static EmbeddedChannel camera(FoscCodecOptions options) {
        EmbeddedChannel ch = new EmbeddedChannel();
        FoscPipelines.installCamera(ch.pipeline(), options);
        return ch;
    }

    /** Moves everything {@code from} wrote into {@code to}. */
    private static void pump(EmbeddedChannel from, EmbeddedChannel to) {
        for (Object o; (o = from.readOutbound()) != null; ) {
            to.writeInbound(o);
        }
    }

    @Test
    void preambleThenLoginAndVideoRoundTrip() {
        EmbeddedChannel client = client(FoscCodecOptions.builder().hostHeader("cam:88").build());
        EmbeddedChannel camera = camera(FoscCodecOptions.DEFAULT);

        ByteBuf preamble = client.readOutbound();
        assertEquals("SERVERPUSH / HTTP/1.1\r\nhost: cam:88\r\naccept: */*\r\nconnection: Close\r\n\r\n",
                preamble.toString(StandardCharsets.US_ASCII).replace("Host", "host").replace("Accept", "accept")
                        .replace("Connection", "connection"));
        camera.writeInbound(preamble);
        assertNull(camera.readInbound());

        client.writeAndFlush(new FoscLogin(ADMIN, 42, 0));
        pump(client, camera);
        FoscLogin login = camera.readInbound();
        assertEquals(new FoscLogin(ADMIN, 42, 0), login);

        camera.writeAndFlush(FoscLoginReply.accepted(List.of("door"), List.of(), "CAM123"));
        camera.writeAndFlush(new FoscVideoData(FoscMediaHeader.video(1000, true, 640, 360, 25, 512000),
                camera.alloc().buffer().writeBytes(new byte[] {0, 0, 0, 1, 0x65, 1, 2, 3})));
        pump(camera, client);
        FoscLoginReply reply = client.readInbound();
        assertTrue(reply.isAccepted());
        assertEquals(List.of("door"), reply.presets());
        assertEquals("CAM123", reply.cameraId());
        FoscVideoData video = client.readInbound();
        try {
            assertEquals(8, video.data().readableBytes());
            assertEquals(640, video.header().width());
            assertTrue(video.isKeyFrame());
        } finally {
            video.release();
        }
        assertFalse(client.finish());
        assertFalse(camera.finish());
    }

    @Test
    void clientSkipsHttp200BlockAndRejectsOtherStatus() {
        EmbeddedChannel client = client(FoscCodecOptions.DEFAULT);
        ReferenceCountUtil.release(client.readOutbound());
        ByteBuf in = client.alloc().buffer();
        in.writeCharSequence("HTTP/1.1 200 OK\r\nServer: x\r\n\r\n", StandardCharsets.US_ASCII);
        FoscFrames.encode(new FoscLoginCheckReply(0), client.alloc(), new java.util.ArrayList<>() {
            @Override
            public boolean add(Object o) {
                in.writeBytes((ByteBuf) o);
                ((ByteBuf) o).release();
                return true;
            }
        });
        client.writeInbound(in);
        assertEquals(new FoscLoginCheckReply(0), client.readInbound());
        assertFalse(client.finish());

        EmbeddedChannel refused = client(FoscCodecOptions.DEFAULT);
        ReferenceCountUtil.release(refused.readOutbound());
        ByteBuf block = refused.alloc().buffer();
        block.writeCharSequence("HTTP/1.1 503 Busy\r\n\r\n", StandardCharsets.US_ASCII);
        FoscPreambleException e = assertThrows(FoscPreambleException.class, () -> refused.writeInbound(block));
        assertTrue(e.getMessage().contains("503"), e.getMessage());
        refused.finishAndReleaseAll();
    }

    @Test
    void cameraAcceptsSdkPreambleWithExtraCrlfInOneBuffer() {
        EmbeddedChannel camera = camera(FoscCodecOptions.DEFAULT);
        ByteBuf in = camera.alloc().buffer();
        in.writeCharSequence("SERVERPUSH / HTTP/1.1\r\nHost: 192.168.0.22:88\r\nAccept:*/*\r\nConnection: Close\r\n\r\n\r\n",
                StandardCharsets.US_ASCII);
        ByteBuf frame = FoscFrames.encode(new FoscLoginCheck(7), camera.alloc());
        in.writeBytes(frame);
        frame.release();
        camera.writeInbound(in);
        assertEquals(new FoscLoginCheck(7), camera.readInbound());
        assertNull(camera.readInbound());
        assertFalse(camera.finish());
    }
}

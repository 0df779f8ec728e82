package dev.fosc.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A viewer's audio packets: one RTP packet per frame, or several with advancing timestamps for a large L16 frame. */
class ViewerAudioTest {

    private record Rtp(int channel, int payloadType, int timestamp, byte[] payload) {
    }

    @Test
    void aLargeL16FrameIsSplitOnSampleBoundariesWithTheTimestampsOfItsSamples() {
        List<Rtp> packets = send(2, SdpMedia.L16_PT, 3000);
        assertEquals(List.of(1400, 1400, 200), packets.stream().map(p -> p.payload().length).toList());
        int first = packets.get(0).timestamp();
        assertEquals(first + 700, packets.get(1).timestamp(), "1400 bytes of L16 are 700 samples");
        assertEquals(first + 1400, packets.get(2).timestamp());
        byte[] joined = new byte[3000];
        int at = 0;
        for (Rtp p : packets) {
            assertEquals(SdpMedia.L16_PT, p.payloadType());
            System.arraycopy(p.payload(), 0, joined, at, p.payload().length);
            at += p.payload().length;
        }
        for (int i = 0; i < joined.length; i++) {
            assertEquals((byte) i, joined[i], "the payload in order at byte " + i);
        }
    }

    @Test
    void aPcmuFrameIsOnePacket() {
        List<Rtp> packets = send(1, SdpMedia.PCMU_PT, 480);
        assertEquals(1, packets.size());
        assertEquals(480, packets.get(0).payload().length);
        assertEquals(SdpMedia.PCMU_PT, packets.get(0).payloadType());
    }

    /** The RTP packets on channel 2 of one audio frame of {@code bytes} bytes (RTCP on channel 3 skipped). */
    private static List<Rtp> send(int bytesPerSample, int payloadType, int bytes) {
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        ChannelHandlerContext ctx = ch.pipeline().firstContext();
        Viewer viewer = new Viewer(ctx, null, new RtpTrack(2, payloadType, 8000), bytesPerSample);
        ByteBuf payload = Unpooled.buffer(bytes);
        for (int i = 0; i < bytes; i++) {
            payload.writeByte(i);
        }
        viewer.audio(payload, 1000, System.nanoTime());
        payload.release();
        List<Rtp> packets = new ArrayList<>();
        for (ByteBuf out; (out = ch.readOutbound()) != null; ) {
            while (out.isReadable()) {
                assertEquals('$', out.readByte());
                int channel = out.readUnsignedByte();
                ByteBuf packet = out.readSlice(out.readUnsignedShort());
                if (channel == 2) {
                    byte[] data = new byte[packet.readableBytes() - 12];
                    packet.getBytes(12, data);
                    packets.add(new Rtp(channel, packet.getUnsignedByte(1) & 0x7F, packet.getInt(4), data));
                }
            }
            out.release();
        }
        assertFalse(ch.finishAndReleaseAll());
        return packets;
    }
}

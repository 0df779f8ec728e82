package dev.fosc.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import dev.fosc.client.record.FoscH264Parameters;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6184 packetization: what a depacketizer gets back is the access unit's NAL units, whole. */
class RtpTrackTest {

    /** A real SPS (constrained baseline, level 3.0, with an emulation prevention byte), as cameras send. */
    private static final byte[] SPS = HexFormat.of().parseHex("6742c01ed900a02ff97011000003000100000300320f162e48");
    private static final byte[] PPS = {0x68, (byte) 0xCE, 0x3C, (byte) 0x80};

    static byte[] accessUnit(byte[] idr) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 0, 1});
        out.writeBytes(SPS);
        out.writeBytes(new byte[] {0, 0, 0, 1});
        out.writeBytes(PPS);
        out.writeBytes(new byte[] {0, 0, 1});
        out.writeBytes(idr);
        return out.toByteArray();
    }

    static byte[] idr(int length) {
        byte[] idr = new byte[length];
        new Random(7).nextBytes(idr);
        idr[0] = 0x65;
        for (int i = 1; i + 2 < length; i++) {
            if (idr[i] == 0) {
                idr[i] = 1; // no start-code emulation in the test payload
            }
        }
        idr[length - 1] = 0x55;
        return idr;
    }

    @Test
    void smallUnitsGoWholeAndALargeOneInFuAFragmentsThatReassemble() {
        byte[] idr = idr(5000);
        ByteBuf data = Unpooled.wrappedBuffer(accessUnit(idr));
        RtpTrack track = new RtpTrack(0, 96, 90_000);
        CompositeByteBuf out = ByteBufAllocator.DEFAULT.compositeBuffer(Integer.MAX_VALUE);
        try {
            track.appendVideo(out, data, AnnexB.nalUnits(data), 1234);
            List<byte[]> nals = new ArrayList<>();
            ByteArrayOutputStream fu = null;
            int packets = 0;
            int lastSeq = -1;
            while (out.isReadable()) {
                assertEquals('$', out.readByte());
                assertEquals(0, out.readByte());
                int length = out.readUnsignedShort();
                ByteBuf rtp = out.readSlice(length);
                assertEquals(0x80, rtp.readUnsignedByte());
                int mpt = rtp.readUnsignedByte();
                int seq = rtp.readUnsignedShort();
                assertEquals(1234, rtp.readInt());
                assertEquals(track.ssrc(), rtp.readInt());
                assertTrue(lastSeq < 0 || seq == ((lastSeq + 1) & 0xFFFF));
                lastSeq = seq;
                packets++;
                assertTrue(rtp.readableBytes() <= RtpTrack.MAX_PAYLOAD);
                boolean marker = (mpt & 0x80) != 0;
                assertEquals(96, mpt & 0x7F);
                assertEquals(!out.isReadable(), marker, "the marker only on the access unit's last packet");
                int first = rtp.getUnsignedByte(rtp.readerIndex());
                if ((first & 0x1F) == 28) {
                    rtp.skipBytes(1);
                    int header = rtp.readUnsignedByte();
                    if ((header & 0x80) != 0) {
                        fu = new ByteArrayOutputStream();
                        fu.write((first & 0xE0) | (header & 0x1F));
                    }
                    fu.writeBytes(ByteBufUtil.getBytes(rtp));
                    if ((header & 0x40) != 0) {
                        nals.add(fu.toByteArray());
                        fu = null;
                    }
                } else {
                    nals.add(ByteBufUtil.getBytes(rtp));
                }
            }
            assertEquals(3, nals.size());
            assertArrayEquals(SPS, nals.get(0));
            assertArrayEquals(PPS, nals.get(1));
            assertArrayEquals(idr, nals.get(2));
            assertEquals(2 + (5000 - 1 + RtpTrack.MAX_PAYLOAD - 3) / (RtpTrack.MAX_PAYLOAD - 2), packets);
        } finally {
            out.release();
            assertEquals(1, data.refCnt(), "the slices were released with the packets");
            data.release();
        }
    }

    @Test
    void theParameterSetsOfAKeyFrameGiveTheSdpValues() {
        ByteBuf data = Unpooled.wrappedBuffer(accessUnit(idr(100)));
        FoscH264Parameters p = FoscH264Parameters.fromAccessUnit(data);
        String sdp = new SdpMedia(p, 640, 360, 25).describe("door", "127.0.0.1", false);
        assertTrue(sdp.contains("a=fmtp:96 packetization-mode=1;profile-level-id=42C01E;sprop-parameter-sets="
                + "Z0LAHtkAoC/5cBEAAAMAAQAAAwAyDxYuSA==,aM48gA==\r\n"), sdp);
        assertEquals(null, FoscH264Parameters.fromAccessUnit(
                Unpooled.wrappedBuffer(new byte[] {0, 0, 1, 0x65, 1, 2})), "a delta frame carries none");
    }

    @Test
    void aSenderReportFollowsTheFirstPacketAndThenEveryFiveSeconds() {
        RtpTrack track = new RtpTrack(2, 0, 8000);
        CompositeByteBuf out = ByteBufAllocator.DEFAULT.compositeBuffer(Integer.MAX_VALUE);
        try {
            track.maybeAppendSenderReport(out, 99, 0);
            track.maybeAppendSenderReport(out, 100, 1_000_000_000L);
            assertEquals(32, out.readableBytes(), "one report");
            assertEquals('$', out.getByte(0));
            assertEquals(3, out.getByte(1), "on the RTCP channel");
            assertEquals(200, out.getUnsignedByte(5), "SR");
            assertEquals(99, out.getInt(4 + 16));
            track.maybeAppendSenderReport(out, 101, 6_000_000_000L);
            assertEquals(64, out.readableBytes());
        } finally {
            out.release();
        }
    }

    @Test
    void muLawRoundTripsWithinItsQuantization() {
        for (int s = -32768; s <= 32767; s += 7) {
            int back = MuLaw.decode(MuLaw.encode(s));
            int error = Math.abs(back - Math.max(-32635, Math.min(32635, s)));
            assertTrue(error <= Math.max(8, Math.abs(s) / 16), s + " -> " + back);
        }
        assertEquals((byte) 0xFF, MuLaw.encode(0));
        assertFalse(MuLaw.decode((byte) 0x00) > 0);
    }
}

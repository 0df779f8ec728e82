package dev.fosc.client.record;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parameter sets out of Annex-B access units, and the forms an SDP and a container need. */
class FoscH264ParametersTest {

    static final byte[] SPS = HexFormat.of().parseHex("6742c01ed900a02ff97011000003000100000300320f162e48");
    static final byte[] PPS = HexFormat.of().parseHex("68cb8cb2");
    static final byte[] AUD = HexFormat.of().parseHex("09f0");
    static final byte[] IDR = HexFormat.of().parseHex("65888400000300");
    static final byte[] DELTA = HexFormat.of().parseHex("419a2238");

    /** An access unit: each NAL unit after a start code (4-byte for the first, 3-byte after). */
    static byte[] accessUnit(byte[]... nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < nals.length; i++) {
            out.writeBytes(i == 0 ? new byte[] {0, 0, 0, 1} : new byte[] {0, 0, 1});
            out.writeBytes(nals[i]);
        }
        return out.toByteArray();
    }

    @Test
    void keyFrameCarriesThemInBand() {
        ByteBuf key = Unpooled.wrappedBuffer(accessUnit(AUD, SPS, PPS, IDR));
        int reader = key.readerIndex();
        FoscH264Parameters p = FoscH264Parameters.fromAccessUnit(key);
        assertEquals(reader, key.readerIndex(), "the reader index does not move");
        assertArrayEquals(SPS, p.spsNal());
        assertArrayEquals(PPS, p.ppsNal());
        assertEquals(640, p.width());
        assertEquals(360, p.height());
        assertEquals("42c01e", p.profileLevelId());
        assertEquals(Base64.getEncoder().encodeToString(SPS) + "," + Base64.getEncoder().encodeToString(PPS),
                p.spropParameterSets());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {0, 0, 0, 1});
        expected.writeBytes(SPS);
        expected.writeBytes(new byte[] {0, 0, 0, 1});
        expected.writeBytes(PPS);
        byte[] annexB = p.annexB();
        assertArrayEquals(expected.toByteArray(), annexB);
        assertEquals(FoscH264Parameters.of(SPS, PPS), FoscH264Parameters.fromAccessUnit(Unpooled.wrappedBuffer(annexB)),
                "its Annex-B form parses back to the same parameters");
        assertEquals("FoscH264Parameters[640x360, profile-level-id=42c01e, sps=25 B, pps=4 B]", p.toString());
    }

    @Test
    void copiesInAndOut() {
        byte[] sps = SPS.clone();
        FoscH264Parameters p = FoscH264Parameters.of(sps, PPS);
        sps[5] = 0;
        p.spsNal()[5] = 0;
        assertArrayEquals(SPS, p.spsNal());
    }

    @Test
    void deltaFramesAndSlicesFirstCarryNone() {
        assertNull(FoscH264Parameters.fromAccessUnit(Unpooled.wrappedBuffer(accessUnit(AUD, DELTA))));
        assertNull(FoscH264Parameters.fromAccessUnit(Unpooled.wrappedBuffer(accessUnit(SPS, IDR))), "no PPS");
        assertNull(FoscH264Parameters.fromAccessUnit(Unpooled.wrappedBuffer(accessUnit(IDR, SPS, PPS))),
                "parameter sets after the picture's first slice are not this picture's");
        assertNull(FoscH264Parameters.fromAccessUnit(Unpooled.EMPTY_BUFFER));
    }

    @Test
    void refusesWrongNalUnits() {
        assertThrows(IllegalArgumentException.class, () -> FoscH264Parameters.of(PPS, PPS));
        assertThrows(IllegalArgumentException.class, () -> FoscH264Parameters.of(SPS, SPS));
        assertNotEquals(FoscH264Parameters.of(SPS, PPS), FoscH264Parameters.of(SPS, new byte[] {0x68, 1}));
    }
}

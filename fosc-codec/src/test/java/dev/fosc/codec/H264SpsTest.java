package dev.fosc.codec;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SPS fields a recorder and an RTSP server need, from real SPS NAL units. */
class H264SpsTest {

    /** The testkit clip's SPS (ffmpeg testsrc, constrained baseline 3.0, 640x360): has an emulation prevention byte. */
    static final byte[] SPS_640X360 = HexFormat.of().parseHex("6742c01ed900a02ff97011000003000100000300320f162e48");

    @Test
    void readsSizeWithCroppingAndProfileLevelIdThroughEmulationPrevention() {
        H264Sps sps = H264Sps.parseNal(SPS_640X360);
        assertEquals(640, sps.width());
        assertEquals(360, sps.height(), "23 macroblock rows (368) cropped by 8");
        assertEquals(66, sps.profileIdc());
        assertEquals(0xc0, sps.constraintFlags());
        assertEquals(30, sps.levelIdc());
        assertEquals("42c01e", sps.profileLevelId());
        assertEquals("H264Sps[640x360, profile-level-id=42c01e]", sps.toString());
    }

    @Test
    void rbspAndNalFormsAgree() {
        byte[] rbsp = H264Sps.unescape(SPS_640X360, 1, SPS_640X360.length);
        assertEquals(SPS_640X360.length - 3, rbsp.length, "two emulation prevention bytes removed");
        assertEquals(H264Sps.parseNal(SPS_640X360).toString(), H264Sps.parseRbsp(rbsp).toString());
    }

    @Test
    void refusesWhatIsNotAReadableSps() {
        IllegalArgumentException pps = assertThrows(IllegalArgumentException.class,
                () -> H264Sps.parseNal(HexFormat.of().parseHex("68cb8cb2")));
        assertTrue(pps.getMessage().contains("NAL unit type is 8"), pps.getMessage());
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> H264Sps.parseNal(Arrays.copyOf(SPS_640X360, 6)));
        assertTrue(cut.getMessage().startsWith("truncated H.264 SPS"), cut.getMessage());
        assertThrows(IllegalArgumentException.class, () -> H264Sps.parseNal(new byte[0]));
    }
}

package dev.fosc.testkit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splitting Annex-B streams into access units, and the SPS reader. */
class H264AccessUnitsTest {

    private static byte[] resource() throws Exception {
        try (InputStream in = FakeVideoClip.class.getResourceAsStream(FakeVideoClip.TEST_PATTERN_RESOURCE)) {
            return in.readAllBytes();
        }
    }

    private static int firstNalType(byte[] unit) {
        int[] nal = H264AccessUnits.nalUnits(unit).get(0);
        return unit[nal[1]] & 0x1f;
    }

    @Test
    void theShippedClipIs100PicturesWithAKeyFrameEvery25() throws Exception {
        FakeVideoClip clip = FakeVideoClip.testPattern();
        assertEquals(100, clip.frameCount());
        assertEquals(640, clip.width());
        assertEquals(360, clip.height());
        assertEquals(4, clip.keyFrameCount());
        for (int i = 0; i < clip.frameCount(); i++) {
            assertEquals(i % 25 == 0, clip.isKeyFrame(i), "frame " + i);
            assertEquals(H264AccessUnits.NAL_AUD, firstNalType(clip.frame(i)));
        }
        assertTrue(resource().length < 1024 * 1024);
        assertTrue(clip.averageBitRate(25) > 0);
    }

    @Test
    void spsAndPpsTravelWithTheIdrPicture() {
        byte[] first = FakeVideoClip.testPattern().frame(0);
        List<int[]> nals = H264AccessUnits.nalUnits(first);
        boolean sps = false;
        boolean pps = false;
        for (int[] n : nals) {
            int type = first[n[1]] & 0x1f;
            sps |= type == H264AccessUnits.NAL_SPS;
            pps |= type == H264AccessUnits.NAL_PPS;
        }
        assertTrue(sps && pps);
    }

    @Test
    void withoutDelimitersTheSplitFollowsFirstMbInSlice() throws Exception {
        byte[] stream = resource();
        ByteArrayOutputStream stripped = new ByteArrayOutputStream();
        List<int[]> nals = H264AccessUnits.nalUnits(stream);
        for (int i = 0; i < nals.size(); i++) {
            int start = nals.get(i)[0];
            int end = i + 1 < nals.size() ? nals.get(i + 1)[0] : stream.length;
            if ((stream[nals.get(i)[1]] & 0x1f) != H264AccessUnits.NAL_AUD) {
                stripped.write(stream, start, end - start);
            }
        }
        List<H264AccessUnits.Unit> withAud = H264AccessUnits.split(stream);
        List<H264AccessUnits.Unit> without = H264AccessUnits.split(stripped.toByteArray());
        assertEquals(withAud.size(), without.size());
        for (int i = 0; i < without.size(); i++) {
            assertEquals(withAud.get(i).idr(), without.get(i).idr());
            byte[] a = withAud.get(i).data();
            byte[] b = without.get(i).data();
            int audLength = 6; // 00 00 00 01 09 f0
            assertArrayEquals(java.util.Arrays.copyOfRange(a, audLength, a.length), b, "unit " + i);
        }
    }

    @Test
    void notAnAnnexBStream() {
        assertThrows(IllegalArgumentException.class, () -> FakeVideoClip.fromAnnexB(new byte[100]));
        assertThrows(IllegalArgumentException.class, () -> FakeVideoClip.fromAnnexB(new byte[] {0, 0, 1, 0x67}));
    }
}

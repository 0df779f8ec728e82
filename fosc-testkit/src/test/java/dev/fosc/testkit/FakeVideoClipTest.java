package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** User clips: streamed from their first key frame; a clip without any key frame is refused. */
class FakeVideoClipTest {

    /** The test pattern's access units {@code from..99}, then {@code 0..from-1}: a clip starting mid-GOP. */
    private static byte[] rotated(int from) {
        FakeVideoClip pattern = FakeVideoClip.testPattern();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < pattern.frameCount(); i++) {
            out.writeBytes(pattern.frame((from + i) % pattern.frameCount()));
        }
        return out.toByteArray();
    }

    @Test
    void aClipThatDoesNotStartWithAKeyFrameIsStreamedFromItsFirstKeyFrame() throws Exception {
        FakeVideoClip clip = FakeVideoClip.fromAnnexB(rotated(10)); // starts with 15 P pictures
        assertEquals(15, clip.firstKeyFrame());
        try (FakeCamera camera = FakeCamera.builder().video(clip).fps(50).start();
             TestClient c = TestClient.connect(camera)) {
            c.login(camera, 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            c.videoOn(camera, 0, 1);
            TestClient.Frame first = c.readUntil(FoscCommand.VIDEO_DATA);
            assertEquals(1, first.u32(16), "the first frame a client gets is a key frame");
            assertArrayEquals(clip.frame(15), first.mediaData());
            assertArrayEquals(clip.frame(16), c.readUntil(FoscCommand.VIDEO_DATA).mediaData());
        }
    }

    @Test
    void aClipWithoutAnyKeyFrameIsRefusedWithAClearMessage() {
        // the test pattern's first access unit (SPS, PPS, IDR) with its IDR slices relabelled as non-IDR
        byte[] unit = FakeVideoClip.testPattern().frame(0);
        for (int[] nal : H264AccessUnits.nalUnits(unit)) {
            if ((unit[nal[1]] & 0x1f) == 5) {
                unit[nal[1]] = (byte) ((unit[nal[1]] & 0xe0) | 1);
            }
        }
        byte[] stream = unit;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FakeVideoClip.fromAnnexB(stream));
        assertTrue(e.getMessage().contains("no IDR"), e.getMessage());
        assertEquals(0, FakeVideoClip.testPattern().firstKeyFrame());
    }

    @Test
    void aBitRateWhoseFramesAClientWouldRefuseIsRejectedWithAClearMessage() {
        // 40 Mbit/s at 1 fps: 5 MB frames, above the 4 MiB clients accept by default
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FakeCamera.builder().fps(1).videoBitRate(40_000_000).build());
        assertTrue(e.getMessage().contains("at most " + VideoFrames.maxBitRate(1) + " bit/s"), e.getMessage());
        // the largest int rate at 1 fps: 268 MB frames, no int overflow, no attempt to allocate them
        assertThrows(IllegalArgumentException.class,
                () -> FakeCamera.builder().fps(1).videoBitRate(Integer.MAX_VALUE).build());
        // the limit itself is accepted (a one-frame clip: 4 MiB of padding, not 100 times that)
        FakeVideoClip one = FakeVideoClip.fromAnnexB(FakeVideoClip.testPattern().frame(0));
        try (FakeCamera camera = FakeCamera.builder().video(one).fps(1).videoBitRate((int) VideoFrames.maxBitRate(1))
                .build()) {
            assertEquals(1, camera.clip().frameCount());
        }
    }
}

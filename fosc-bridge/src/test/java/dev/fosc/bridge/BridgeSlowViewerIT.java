package dev.fosc.bridge;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A viewer that stops reading is dropped to the next key frame: frames are counted as dropped, and when it reads
 * again every gap in its video is followed by a key frame. A second viewer meanwhile gets every frame.
 */
class BridgeSlowViewerIT {

    private static final int FRAME_TICKS = 90_000 / FakeCamera.DEFAULT_FPS;

    @Test
    void aStalledViewerLosesWholeGopsAndResumesAtAKeyFrame() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password("pw").start();
             FoscClient client = FoscClient.builder().threads(2).build()) {
            BridgeServer bridge = BridgeServer.builder(client).port(0).viewerWaterMarks(8 * 1024, 16 * 1024)
                    .socketSendBuffer(8 * 1024)
                    .camera("door", FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", "pw"))
                            .port(camera.port()).build())
                    .build().start();
            String url = "rtsp://127.0.0.1:" + bridge.port() + "/door";
            try (bridge;
                 RawRtspClient slow = new RawRtspClient(bridge.port(), 4096);
                 RawRtspClient steady = new RawRtspClient(bridge.port(), 0)) {
                slow.play(url);
                steady.play(url);
                while (bridge.stats().get(0).droppedFrames() == 0) {
                    steady.read(); // the steady viewer reads on; the slow one does not read at all
                }
                // the steady viewer first: while one client is read the other is not, and 2.4 s of unread video
                // would be the steady viewer's undoing on a loaded machine (its receive buffer full, then the
                // bridge's 16 KiB water mark); the slow viewer only stalls longer
                List<Long> steadyFrames = frames(steady, 60);
                List<Long> slowFrames = frames(slow, 60);
                assertTrue(bridge.stats().get(0).viewers() == 2, bridge.stats().toString());
                boolean sawGap = false;
                for (int i = 1; i < slowFrames.size(); i++) {
                    long step = ticks(slowFrames.get(i - 1), slowFrames.get(i));
                    if (step > FRAME_TICKS) {
                        sawGap = true;
                        assertEquals(1, slowFrames.get(i) & 1, "after a gap the viewer resumes at a key frame");
                    }
                }
                for (int i = 1; i < steadyFrames.size(); i++) {
                    assertEquals(FRAME_TICKS, ticks(steadyFrames.get(i - 1), steadyFrames.get(i)),
                            "the steady viewer misses nothing");
                }
                assertTrue(sawGap, "the stalled viewer's frames have a gap: " + slowFrames);
            }
        }
    }

    /** RTP ticks from frame {@code a} to frame {@code b} (32-bit timestamps, wrapping). */
    private static long ticks(long a, long b) {
        return ((b >>> 1) - (a >>> 1)) & 0xFFFF_FFFFL;
    }

    /**
     * The next {@code count} whole video frames of {@code client} (skipping a partial first one), each as its RTP
     * timestamp shifted left by one, with bit 0 set for a key frame (an IDR or SPS NAL unit in it).
     */
    private static List<Long> frames(RawRtspClient client, int count) throws Exception {
        List<Long> frames = new ArrayList<>();
        boolean inFrame = false;
        boolean key = false;
        boolean synced = false;
        while (frames.size() < count) {
            RawRtspClient.Packet p = client.read();
            if (p.channel() != 0) {
                continue;
            }
            byte[] d = p.data();
            int nal = d[12] & 0x1F;
            int type = nal == 28 ? d[13] & 0x1F : nal;
            key |= type == 5 || type == 7;
            inFrame = true;
            if ((d[1] & 0x80) != 0) {
                long ts = ((d[4] & 0xFFL) << 24) | ((d[5] & 0xFFL) << 16) | ((d[6] & 0xFFL) << 8) | (d[7] & 0xFFL);
                if (synced) {
                    frames.add(ts << 1 | (key ? 1 : 0));
                }
                synced = true;
                inFrame = false;
                key = false;
            }
        }
        assertTrue(!inFrame || frames.size() == count);
        return frames;
    }
}

package dev.fosc.client;

import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import org.junit.jupiter.api.Test;

import static dev.fosc.client.FoscSessionIT.PASSWORD;
import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 8, defect 8 (a): an application whose listener releases the frames it only borrows (a bug) must not cost
 * it the connection. Before the fix the library's own release threw out of channelRead, and the session
 * reconnected at the first video frame and every frame after.
 */
class FoscBorrowedFrameReleasedIT {

    @Test
    void aListenerThatReleasesBorrowedFramesDoesNotDropTheConnection() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().profile(FakeCameraProfile.R2C).password(PASSWORD).start();
             FoscClient client = FoscClient.builder().threads(1).build()) {
            RecordingListener rec = new RecordingListener() { // R2C: G.726 audio, so decoded PCM too
                @Override
                public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
                    super.onVideoFrame(session, frame);
                    frame.release(); // the bug: the frame was only borrowed
                }

                @Override
                public void onAudioFrame(FoscSession session, FoscAudioFrame frame) {
                    super.onAudioFrame(session, frame);
                    frame.release();
                }
            };
            FoscSession session = client.newSession(FoscSessionIT.options(camera, FoscCameraProfile.R2C, PASSWORD)
                    .build(), rec);
            get(session.connect());
            get(session.videoOn(FoscStream.MAIN));
            get(session.audioOn());
            await(() -> rec.videoFrames.get() >= 50 && rec.audioFrames.get() >= 20, WAIT,
                    () -> rec.videoFrames + " video and " + rec.audioFrames + " audio frames; states " + rec.states());
            assertEquals(FoscSessionState.CONNECTED, session.state());
            assertEquals(0, session.stats().reconnects(), "no reconnect: " + rec.states());
            assertEquals(1, camera.connectionCount(), "one connection all along");
            get(session.close());
        }
    }
}

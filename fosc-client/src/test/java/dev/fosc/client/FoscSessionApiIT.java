package dev.fosc.client;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session API papercuts of issue 11: videoOff, the attachment, try-with-resources, discontinuities. */
class FoscSessionApiIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final SharedClient SHARED = new SharedClient(1);
    private static final FoscClient CLIENT = SHARED.client();
    /** The current test's camera (closed by {@link #SHARED} after it). */
    private FakeCamera camera;

    /** Records, per video frame, "K" or "d" for key/delta and "!" before it when it is a discontinuity. */
    static final class Marks extends RecordingListener {
        final List<String> marks = new CopyOnWriteArrayList<>();

        @Override
        public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
            super.onVideoFrame(session, frame);
            marks.add((frame.isDiscontinuity() ? "!" : "") + (frame.isKeyFrame() ? "K" : "d"));
        }

        long discontinuities() {
            return marks.stream().filter(m -> m.startsWith("!")).count();
        }
    }

    private FoscSession session(RecordingListener listener) throws Exception {
        camera = SHARED.camera(FakeCamera.builder().profile(FakeCameraProfile.FI9821W_V2).password("pw"));
        FoscSession session = CLIENT.newSession(FoscSessionIT.options(camera, FoscCameraProfile.FI9821W_V2, "pw")
                .build(), listener);
        FoscSessionIT.get(session.connect());
        return session;
    }

    @Test
    void videoOffStopsDeliveryAndIsNotRestoredAfterAReconnect() throws Exception {
        Marks rec = new Marks();
        FoscSession session = session(rec);
        FoscSessionIT.get(session.videoOn(FoscStream.MAIN));
        await(() -> rec.videoFrames.get() >= 5, WAIT, () -> rec.videoFrames + " video frames");

        FoscSessionIT.get(session.videoOff());
        int delivered = rec.videoFrames.get();
        long sent = camera.videoFramesSent();
        await(() -> camera.videoFramesSent() >= sent + 5, WAIT, () -> "the camera goes on sending: nothing on the wire");
        assertEquals(delivered, rec.videoFrames.get(), "no frame delivered after videoOff completed");
        assertEquals(1, camera.recordedFrames(FoscCommand.VIDEO_ON).size(), "videoOff sends no VIDEO_ON");

        camera.clearRecording();
        camera.closeConnections();
        await(() -> camera.loginCount() >= 2 && session.state() == FoscSessionState.CONNECTED, WAIT,
                () -> "relogin, " + session.state());
        FoscSessionIT.get(session.audioOn()); // a request after the relogin: the restore has been sent before it
        camera.takeFrame(FoscCommand.AUDIO_ON, WAIT);
        assertTrue(camera.recordedFrames(FoscCommand.VIDEO_ON).isEmpty(), "video is not restored after videoOff: "
                + camera.describeRecording());
        assertEquals(delivered, rec.videoFrames.get());

        FoscSessionIT.get(session.videoOn(FoscStream.MAIN));
        await(() -> rec.videoFrames.get() > delivered, WAIT, () -> rec.videoFrames + " video frames");
        assertEquals("!K", rec.marks.get(delivered), "the first frame after videoOff/videoOn is a discontinuity"
                + " and starts at a key frame: " + rec.marks);
        assertEquals(1, rec.discontinuities(), rec.marks.toString());
    }

    @Test
    void videoOffFailsVideoOnCallsStillWaitingForAConnection() throws Exception {
        camera = SHARED.camera(FakeCamera.builder().profile(FakeCameraProfile.FI9821W_V2).password("pw"));
        FoscSession session = CLIENT.newSession(FoscSessionIT.options(camera, FoscCameraProfile.FI9821W_V2, "pw")
                .build(), null);
        CompletableFuture<Void> waiting = session.videoOn(FoscStream.MAIN); // not connected: waits for a login
        FoscSessionIT.get(session.videoOff());
        Exception e = assertThrows(Exception.class, () -> FoscSessionIT.get(waiting));
        assertTrue(e.getCause().getMessage().contains("superseded by videoOff"), e.getCause().getMessage());
    }

    @Test
    void theFirstFrameAfterAReconnectIsADiscontinuity() throws Exception {
        Marks rec = new Marks();
        FoscSession session = session(rec);
        FoscSessionIT.get(session.videoOn(FoscStream.MAIN));
        await(() -> rec.videoFrames.get() >= 5, WAIT, () -> rec.videoFrames + " video frames");
        assertEquals(0, rec.discontinuities(), "the session's very first frames continue nothing: " + rec.marks);

        int before = rec.videoFrames.get();
        camera.closeConnections();
        await(() -> rec.discontinuities() == 1 && rec.videoFrames.get() > before + 3, WAIT, rec.marks::toString);
        int first = rec.marks.indexOf("!K");
        assertTrue(first >= before, "the discontinuity is a frame after the reconnect: " + rec.marks);
        assertFalse(rec.marks.get(first + 1).startsWith("!"), rec.marks.toString());
    }

    @Test
    void attachmentIsKeptTypedAndReplaced() throws Exception {
        FoscSession session = CLIENT.newSession(FoscSessionOptions.builder("127.0.0.1",
                FoscCredentials.of("admin", "pw")).build(), null);
        assertNull(session.attachment());
        assertNull(session.attachment(String.class));
        assertNull(session.attach("camera-7"));
        assertEquals("camera-7", session.attachment(String.class));
        assertEquals("camera-7", session.attach(42));
        assertEquals(42, session.attachment(Integer.class));
        ClassCastException e = assertThrows(ClassCastException.class, () -> session.attachment(String.class));
        assertTrue(e.getMessage().contains("java.lang.Integer, not a java.lang.String"), e.getMessage());
        session.close().join();
        assertEquals(42, session.attach(null), "kept after close");
    }

    @Test
    void tryWithResourcesClosesTheSessionAndWaits() throws Exception {
        RecordingListener rec = new RecordingListener();
        FoscSession kept;
        try (FoscSessionCloser closer = session(rec).asCloseable(Duration.ofSeconds(5))) {
            kept = closer.session();
            assertEquals(FoscSessionState.CONNECTED, kept.state());
        }
        assertEquals(FoscSessionState.CLOSED, kept.state());
        assertTrue(kept.close().isDone(), "closeAndWait returned after the connections closed");
        camera.takeFrame(FoscCommand.CLOSE, WAIT);
        assertThrows(IllegalArgumentException.class, () -> kept.asCloseable(Duration.ZERO));
    }

    @Test
    void closeAndWaitRefusesTheEventLoop() throws Exception {
        FoscSession session = CLIENT.newSession(FoscSessionOptions.builder("127.0.0.1",
                FoscCredentials.of("admin", "pw")).build(), null);
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        session.eventLoop().execute(() -> {
            try {
                session.closeAndWait(Duration.ofSeconds(1));
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        Throwable t = thrown.get(5, TimeUnit.SECONDS);
        assertSame(IllegalStateException.class, t == null ? null : t.getClass());
        session.closeAndWait(Duration.ofSeconds(5));
        assertEquals(FoscSessionState.CLOSED, session.state());
    }
}

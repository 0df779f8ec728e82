package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscLoginCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Foscam's SDK model: a control connection logs in, a media connection only sends VIDEO_ON with its uid. */
class FakeCameraTwoConnectionTest {

    @Test
    void mediaConnectionStreamsWithTheUidOfALoggedInSession() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password("pw").start();
             TestClient control = TestClient.connect(camera); TestClient media = TestClient.connect(camera)) {
            control.login(camera, 4242);
            assertEquals(0, control.readUntil(FoscCommand.LOGIN_REPLY).u32(0));
            control.send(new FoscLoginCheck(4242));
            assertEquals(0, control.readUntil(FoscCommand.LOGIN_CHECK_REPLY).u32(0));

            media.videoOn(camera, 0, 4242);
            assertEquals(0, media.readUntil(FoscCommand.VIDEO_ON_REPLY).u32(0));
            TestClient.Frame video = media.read();
            assertEquals(26, video.command());
            assertEquals(1, video.u32(16), "starts with a key frame");

            camera.triggerMotion();
            assertEquals(111, control.readUntil(FoscCommand.MOTION_ALERT).command());
            assertEquals(1, camera.loginCount());
            assertEquals(2, camera.connectionCount());
        }
    }

    @Test
    void videoOnWithAnUnknownUidIsRefused() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password("pw").start();
             TestClient control = TestClient.connect(camera); TestClient media = TestClient.connect(camera)) {
            control.login(camera, 1);
            control.readUntil(FoscCommand.LOGIN_REPLY);
            media.videoOn(camera, 0, 2);
            assertEquals(1, media.readUntil(FoscCommand.VIDEO_ON_REPLY).u32(0));
        }
    }

    @Test
    void theSessionEndsWithTheControlConnection() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password("pw").start();
             TestClient media = TestClient.connect(camera)) {
            try (TestClient control = TestClient.connect(camera)) {
                control.login(camera, 7);
                control.readUntil(FoscCommand.LOGIN_REPLY);
            }
            long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
            int status;
            do {
                media.videoOn(camera, 0, 7);
                status = media.readUntil(FoscCommand.VIDEO_ON_REPLY).u32(0);
            } while (status == 0 && System.nanoTime() < deadline && drain(media));
            assertEquals(1, status);
        }
    }

    private static boolean drain(TestClient c) throws Exception {
        Thread.sleep(20);
        return true;
    }
}

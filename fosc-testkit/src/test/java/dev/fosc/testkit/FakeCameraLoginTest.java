package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.fosc.testkit.TestClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real cameras' login behaviour: the rate limit and the lock-out after consecutive wrong passwords. */
class FakeCameraLoginTest {

    private static int login(FakeCamera camera, String password) throws Exception {
        try (TestClient c = TestClient.connect(camera)) {
            c.login("admin", password, 1);
            TestClient.Frame reply = c.readUntil(FoscCommand.LOGIN_REPLY);
            return reply.payload().length == 0 ? -1 : reply.u32(0);
        }
    }

    @Test
    void aLoginTooSoonAfterThePreviousOneIsRefusedLikeABadPassword() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password("pw").loginRateLimit(Duration.ofMillis(400))
                .start()) {
            assertEquals(0, login(camera, "pw"));
            assertEquals(-1, login(camera, "pw"), "back to back: refused exactly as a bad password is");
            Thread.sleep(450);
            assertEquals(0, login(camera, "pw"), "after the interval");
            assertEquals(3, camera.loginAttemptCount());
            assertEquals(2, camera.loginCount());
            assertEquals(1, camera.refusedLoginCount());
        }
    }

    @Test
    void wrongPasswordsLockTheCameraUntilUnlocked() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password("pw").lockOutAfter(3).start()) {
            for (int i = 0; i < 2; i++) {
                assertEquals(-1, login(camera, "guess" + i));
            }
            assertFalse(camera.isLockedOut());
            assertEquals(0, login(camera, "pw"), "two wrong passwords do not lock");
            assertEquals(-1, login(camera, "guess2"));
            assertEquals(-1, login(camera, "guess3"));
            assertFalse(camera.isLockedOut(), "the accepted login reset the count: two in a row so far");
            assertEquals(-1, login(camera, "guess4"));
            assertTrue(camera.isLockedOut(), "three in a row");
            assertEquals(-1, login(camera, "pw"), "locked: even the right password is refused");
            camera.unlock();
            assertEquals(0, login(camera, "pw"));
        }
    }

    @Test
    void aWrongUserIsRefused() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().user("root").password("pw").start();
             TestClient c = TestClient.connect(camera)) {
            c.login("admin", "pw", 1);
            assertEquals(0, c.readUntil(FoscCommand.LOGIN_REPLY).payload().length);
            camera.awaitFrames(FoscCommand.LOGIN, 1, TIMEOUT);
            assertEquals(0, camera.loginCount());
        }
    }

    @Test
    void aPasswordThatIsNotUtf8IsReadAndRefusedNotDroppedAsMalformed() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password("pw").start();
             TestClient c = TestClient.connect(camera)) {
            byte[] payload = new byte[164];
            System.arraycopy("admin".getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 5);
            byte[] gbk = "密码".getBytes(Charset.forName("GBK"));
            System.arraycopy(gbk, 0, payload, 64, gbk.length);
            c.sendRaw(TestClient.rawFrame(12, payload));
            assertEquals(0, c.readUntil(FoscCommand.LOGIN_REPLY).payload().length, "refused, not ignored");
            FakeRecordedFrame login = camera.takeFrame(FoscCommand.LOGIN, TIMEOUT);
            assertEquals("admin", login.field("user"), login.toString());
            assertEquals(1, camera.refusedLoginCount());
        }
    }
}

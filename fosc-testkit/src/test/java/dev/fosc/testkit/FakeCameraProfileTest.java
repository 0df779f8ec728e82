package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscSpeakerOn;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;

import static dev.fosc.testkit.TestClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The firmware variants of {@link FakeCameraProfile}. */
class FakeCameraProfileTest {

    private static FakeCamera start(FakeCameraProfile profile) {
        return FakeCamera.builder().password("pw").profile(profile).start();
    }

    private static TestClient loggedIn(FakeCamera camera, int uid) throws Exception {
        TestClient c = TestClient.connect(camera);
        c.login(camera, uid);
        assertEquals(0, c.readUntil(FoscCommand.LOGIN_REPLY).u32(0));
        return c;
    }

    private static int speakerOnStatus(TestClient c, FoscCredentials credentials, int size) throws Exception {
        c.send(new FoscSpeakerOn(credentials, 1, size));
        return c.readUntil(FoscCommand.SPEAKER_ON_REPLY).u32(0);
    }

    @Test
    void r2cSendsNoVideoForStreamZero() throws Exception {
        try (FakeCamera camera = start(FakeCameraProfile.R2C); TestClient c = loggedIn(camera, 1)) {
            c.videoOn(camera, 0, 1);
            TestClient.Frame reply = c.read();
            assertEquals(16, reply.command());
            assertEquals(1, reply.u32(0), "an R2C answers stream 0 with an error");
            c.socket.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, c::read, "and sends no video");
            assertEquals(0, camera.videoFramesSent());
        }
    }

    @Test
    void r2cStreamsForStreamOne() throws Exception {
        try (FakeCamera camera = start(FakeCameraProfile.R2C); TestClient c = loggedIn(camera, 1)) {
            c.videoOn(camera, 1, 1);
            assertEquals(0, c.readUntil(FoscCommand.VIDEO_ON_REPLY).u32(0));
            assertEquals(26, c.read().command());
        }
    }

    @Test
    void r2cAudioIsG726() throws Exception {
        try (FakeCamera camera = start(FakeCameraProfile.R2C); TestClient c = loggedIn(camera, 1)) {
            c.audioOn(camera, 1);
            assertEquals(0, c.readUntil(FoscCommand.AUDIO_ON_REPLY).u32(0));
            TestClient.Frame audio = c.readUntil(FoscCommand.AUDIO_DATA);
            assertEquals(36 + 120, audio.payload().length);
            assertEquals("g726", audio.decoded().get("audioFormat"));
        }
    }

    @Test
    void fi9821wAudioIsPcm() throws Exception {
        try (FakeCamera camera = start(FakeCameraProfile.FI9821W_V2); TestClient c = loggedIn(camera, 1)) {
            c.audioOn(camera, 0);
            TestClient.Frame audio = c.readUntil(FoscCommand.AUDIO_DATA);
            assertEquals("pcm", audio.decoded().get("audioFormat"));
        }
    }

    @Test
    void speakerOnSizeIsPerProfile() throws Exception {
        try (FakeCamera r2c = start(FakeCameraProfile.R2C); FakeCamera seed = start(FakeCameraProfile.FI9821W_V2);
             FakeCamera c1 = start(FakeCameraProfile.C1_V3)) {
            try (TestClient c = loggedIn(r2c, 1)) {
                assertEquals(1, speakerOnStatus(c, r2c.credentials(), 160));
                assertEquals(0, speakerOnStatus(c, r2c.credentials(), 164));
            }
            try (TestClient c = loggedIn(seed, 1)) {
                assertEquals(1, speakerOnStatus(c, seed.credentials(), 164));
                assertEquals(1, speakerOnStatus(c, seed.credentials(), 161), "the seed document's layout");
                assertEquals(0, speakerOnStatus(c, seed.credentials(), 160));
            }
            try (TestClient c = loggedIn(c1, 1)) {
                assertEquals(1, speakerOnStatus(c, c1.credentials(), 164));
                assertEquals(0, speakerOnStatus(c, c1.credentials(), 160));
            }
        }
    }

    @Test
    void aSpeakerOnTooShortToReadGetsStatusOne() throws Exception {
        try (FakeCamera camera = start(FakeCameraProfile.FI9821W_V2); TestClient c = loggedIn(camera, 1)) {
            c.sendRaw(TestClient.rawFrame(4, new byte[100]));
            assertEquals(1, c.readUntil(FoscCommand.SPEAKER_ON_REPLY).u32(0));
        }
    }

    @Test
    void mirrorFlipSizeIsPerProfile() throws Exception {
        try (FakeCamera r2c = start(FakeCameraProfile.R2C); FakeCamera seed = start(FakeCameraProfile.FI9821W_V2);
             TestClient a = loggedIn(r2c, 1); TestClient b = loggedIn(seed, 1)) {
            r2c.sendEvent(FakeEvent.mirrorFlip(1, 0));
            seed.sendEvent(FakeEvent.mirrorFlip(1, 0));
            TestClient.Frame two = a.readUntil(FoscCommand.MIRROR_FLIP);
            TestClient.Frame eight = b.readUntil(FoscCommand.MIRROR_FLIP);
            assertEquals(2, two.payload().length);
            assertEquals(8, eight.payload().length);
            assertEquals(1L, two.decoded().get("mirror"));
            assertEquals(1L, eight.decoded().get("mirror"));
            assertEquals(0L, eight.decoded().get("flip"));
        }
    }

    @Test
    void refusalFormIsPerProfile() throws Exception {
        for (FakeCameraProfile p : FakeCameraProfile.values()) {
            try (FakeCamera camera = start(p); TestClient c = TestClient.connect(camera)) {
                c.login("admin", "bad", 1);
                TestClient.Frame reply = c.readUntil(FoscCommand.LOGIN_REPLY);
                if (p == FakeCameraProfile.FI9821W_V2) {
                    assertEquals(0, reply.payload().length, p.toString());
                } else {
                    assertEquals(FoscLoginReply.RESULT_BAD_CREDENTIALS, reply.u32(0), p.toString());
                }
            }
        }
    }

    @Test
    void c1v3SendsAnUnknownEventBeforeLoginReply() throws Exception {
        try (FakeCamera camera = start(FakeCameraProfile.C1_V3); TestClient c = TestClient.connect(camera)) {
            c.login(camera, 5);
            TestClient.Frame first = c.read();
            assertEquals(FakeCameraProfile.C1_V3_EARLY_EVENT, first.command());
            assertEquals("UNKNOWN", first.decoded().get("name"));
            TestClient.Frame second = c.read();
            assertEquals(100, second.command());
            assertEquals(0, second.u32(0));
        }
    }

    @Test
    void profilesParseFromTheirCommandLineNames() {
        assertEquals(FakeCameraProfile.R2C, FakeCameraProfile.fromName("r2c"));
        assertEquals(FakeCameraProfile.C1_V3, FakeCameraProfile.fromName("c1-v3"));
        assertEquals(FakeCameraProfile.FI9821W_V2, FakeCameraProfile.fromName("FI9821W_V2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FakeCameraProfile.fromName("x"));
        assertTrue(e.getMessage().contains("fi9821w-v2, r2c, c1-v3"), e.getMessage());
    }
}

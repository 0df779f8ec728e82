package dev.fosc.testkit.junit5;

import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link WithFakeCamera} on a class: a fresh camera per test, injected, closed afterwards. */
@WithFakeCamera(user = "viewer", password = "pw", profile = FakeCameraProfile.R2C)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WithFakeCameraPerTestTest {

    private static final List<FakeCamera> SEEN = new ArrayList<>();
    private FakeCamera fromBeforeEach;

    @BeforeEach
    void beforeEach(FakeCamera camera) {
        fromBeforeEach = camera;
    }

    @Test
    @Order(1)
    void injectedWithTheClassSettings(FakeCamera camera) throws Exception {
        assertSame(fromBeforeEach, camera);
        assertEquals("viewer", camera.credentials().user());
        assertEquals(FakeCameraProfile.R2C, camera.profile());
        try (Socket s = new Socket(camera.host(), camera.port())) {
            camera.awaitConnectionCount(1, java.time.Duration.ofSeconds(5));
        }
        SEEN.add(camera);
    }

    @Test
    @Order(2)
    void aFreshCameraForTheNextTest(FakeCamera camera) {
        assertEquals(0, camera.connectionCount());
        assertNotSame(SEEN.get(0), camera);
        assertThrows(IllegalStateException.class, () -> SEEN.get(0).sendEvent(dev.fosc.testkit.FakeEvent.motion()),
                "the previous test's camera is closed");
        SEEN.add(camera);
    }

    @Test
    @Order(3)
    @WithFakeCamera(profile = FakeCameraProfile.C1_V3, password = "other")
    void aMethodAnnotationOverridesTheClass(FakeCamera camera) {
        assertEquals(FakeCameraProfile.C1_V3, camera.profile());
        assertEquals("admin", camera.credentials().user());
    }

    @AfterAll
    static void bothClosed() {
        assertEquals(2, SEEN.size());
    }
}

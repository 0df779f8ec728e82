package dev.fosc.testkit.junit5;

import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Programmatic registration with any builder setting. */
class FakeCameraExtensionTest {

    @RegisterExtension
    static final FakeCameraExtension CLASS_CAMERA = FakeCameraExtension.perClass(
            FakeCamera.builder().password("pw").profile(FakeCameraProfile.C1_V3).idleTimeout(Duration.ofSeconds(5)));

    @Test
    void perClassCameraIsInjectedAndReachable(FakeCamera camera) {
        assertSame(CLASS_CAMERA.camera(), camera);
        assertEquals(FakeCameraProfile.C1_V3, camera.profile());
    }

    @Test
    void theSameCameraInTheNextTest(FakeCamera camera) {
        assertSame(CLASS_CAMERA.camera(), camera);
    }

    @Nested
    class PerTest {
        @RegisterExtension
        final FakeCameraExtension testCamera = FakeCameraExtension.perTest(FakeCamera.builder().user("other"));

        @Test
        void anInstanceFieldGivesAFreshCamera() {
            assertEquals("other", testCamera.camera().credentials().user());
            assertEquals(0, testCamera.camera().connectionCount());
        }
    }
}

package dev.fosc.testkit.junit5;

import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link WithFakeCamera} per class: one camera, injected into {@code @BeforeAll} and every test. */
@WithFakeCamera(password = "pw", lifecycle = WithFakeCamera.Lifecycle.PER_CLASS)
class WithFakeCameraPerClassTest {

    private static FakeCamera shared;

    @BeforeAll
    static void beforeAll(FakeCamera camera) {
        shared = camera;
    }

    @Test
    void first(FakeCamera camera) {
        assertNotNull(shared);
        assertSame(shared, camera);
    }

    @Test
    void second(FakeCamera camera) {
        assertSame(shared, camera);
    }
}

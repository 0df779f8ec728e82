package dev.fosc.testkit.junit5;

import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8: the extension named each camera after its test by renaming the builder it was given, so extensions
 * sharing one builder (parallel test classes) raced on it and the application's builder changed under it. It
 * now copies the builder.
 */
class FakeCameraExtensionSharedBuilderTest {

    static final FakeCamera.Builder SHARED = FakeCamera.builder().password("pw").name("shared");

    @RegisterExtension
    final FakeCameraExtension first = FakeCameraExtension.perTest(SHARED);

    @Test
    void theSharedBuilderIsNotRenamed(FakeCamera camera) {
        assertTrue(camera.toString().startsWith("FakeCamera[theSharedBuilderIsNotRenamed"),
                "the camera is named after its test: " + camera);
        try (FakeCamera fromShared = SHARED.build()) {
            assertTrue(fromShared.toString().startsWith("FakeCamera[shared "),
                    "the shared builder still names its cameras 'shared': " + fromShared);
        }
    }
}

package dev.fosc.consumer;

import dev.fosc.client.FoscClient;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.junit5.WithFakeCamera;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The testkit's JUnit layer and the client, used from a named module (surefire patches this test into it). */
@WithFakeCamera(user = "admin", password = "pw")
class ModulePathCheckTest {

    @Test
    void aModularConsumerGetsVideoFromAFakeCamera(FakeCamera camera) throws Exception {
        String summary = ModulePathCheck.run(camera);
        System.out.println(summary);
        assertTrue(summary.startsWith("frame of "), summary);
        assertEquals("dev.fosc.consumer", getClass().getModule().getName(), "the test ran on the class path");
        assertEquals("dev.fosc.client", FoscClient.class.getModule().getName());
        assertEquals("dev.fosc.testkit", FakeCamera.class.getModule().getName());
        assertFalse(FoscClient.class.getModule().isExported("dev.fosc.client.internal"));
    }
}

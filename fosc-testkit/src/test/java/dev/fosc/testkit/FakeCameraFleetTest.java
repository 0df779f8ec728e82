package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Many cameras on one shared event-loop group. */
class FakeCameraFleetTest {

    @Test
    void aThousandCamerasOnTwoThreads() throws Exception {
        try (FakeCameraFleet fleet = FakeCameraFleet.builder(FakeCamera.builder().password("pw"))
                .cameras(1000).threads(2).start()) {
            assertEquals(1000, fleet.size());
            Set<Integer> ports = new HashSet<>();
            for (FakeCamera camera : fleet.cameras()) {
                ports.add(camera.port());
            }
            assertEquals(1000, ports.size());
            for (int i = 0; i < 1000; i += 97) {
                FakeCamera camera = fleet.camera(i);
                try (TestClient c = TestClient.connect(camera)) {
                    c.login(camera, i);
                    assertEquals(0, c.readUntil(FoscCommand.LOGIN_REPLY).u32(0));
                    c.videoOn(camera, 0, i);
                    c.readUntil(FoscCommand.VIDEO_ON_REPLY);
                    assertEquals(26, c.read().command());
                }
            }
            assertEquals(11, fleet.loginCount());
            assertEquals(0, fleet.camera(0).recordedFrames().size(), "recording off by default in a fleet");
        }
    }

    @Test
    void aFleetRecordsWhenTheTemplateAsks() throws Exception {
        try (FakeCameraFleet fleet = FakeCameraFleet.builder(FakeCamera.builder().record(true)).cameras(2).threads(1)
                .start();
             TestClient c = TestClient.connect(fleet.camera(1))) {
            c.login(fleet.camera(1), 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            assertEquals(FoscCommand.LOGIN, fleet.camera(1).takeFrame(TestClient.TIMEOUT).command());
        }
    }

    @Test
    void consecutivePortsFromABasePort() throws Exception {
        int base;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            base = Math.min(probe.getLocalPort(), 65000);
        }
        try (FakeCameraFleet fleet = FakeCameraFleet.builder(FakeCamera.builder()).cameras(3).basePort(base)
                .start()) {
            for (int i = 0; i < 3; i++) {
                assertEquals(base + i, fleet.camera(i).port());
            }
        } catch (java.io.UncheckedIOException portTaken) {
            // another process took a port of the range between the probe and the bind: not this test's concern
        }
    }

    @Test
    void aTakenPortFailsTheStartAndClosesWhatStarted() throws Exception {
        try (FakeCamera blocker = FakeCamera.builder().start()) {
            FakeCameraFleet.Builder b = FakeCameraFleet.builder(FakeCamera.builder()).cameras(2)
                    .basePort(blocker.port() - 1);
            assertThrows(java.io.UncheckedIOException.class, b::start);
        }
    }
}

package dev.fosc.testkit;

import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8: closing a camera whose (shared) event loop was shut down between the "is it shutting down?" check and
 * the submit threw {@link java.util.concurrent.RejectedExecutionException} out of {@code close()}. The window is
 * reproduced with a loop that rejects tasks while still saying it is not shutting down.
 */
class CameraServerCloseTest {

    /** A terminated loop that does not admit it: every submit is rejected. */
    private static DefaultEventLoop rejectingLoop() {
        boolean[] lie = new boolean[1];
        DefaultEventLoop loop = new DefaultEventLoop() {
            @Override
            public boolean isShuttingDown() {
                return !lie[0] && super.isShuttingDown();
            }
        };
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        lie[0] = true; // terminated (the loop has no thread to see the flag any more)
        return loop;
    }

    @Test
    void closeSurvivesALoopThatRejectsTasks() {
        CameraServer server = new CameraServer(FakeCamera.builder().settings(), rejectingLoop(), true);
        assertDoesNotThrow(server::close);
        assertDoesNotThrow(server::close, "idempotent");
    }

    @Test
    void actionsOnARejectingLoopFailWithAClearError() {
        CameraServer server = new CameraServer(FakeCamera.builder().settings(), rejectingLoop(), true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.runOnLoop(() -> { }));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
        assertDoesNotThrow(server::awaitSelectorPass, "nothing to wait for on a dead loop");
    }

    @Test
    void aFleetCameraClosesAfterItsGroupWasShutDown() {
        FakeCameraFleet fleet = FakeCameraFleet.builder(FakeCamera.builder()).cameras(2).threads(1).start();
        fleet.close();
        assertDoesNotThrow(fleet::close);
        assertDoesNotThrow(() -> fleet.camera(0).close());
        assertThrows(IllegalStateException.class, () -> fleet.camera(1).schedule(FakeFault.reset(), Duration.ZERO),
                "scheduling on a closed camera's dead loop says so");
    }
}

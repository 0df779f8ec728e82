package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blocking methods refuse to run on an event-loop thread, the camera's own or any other. */
class FakeCameraThreadingTest {

    private static final Duration SHORT = Duration.ofMillis(1);

    /** A blocking call and the method name its refusal names. */
    private record Call(String method, Runnable body) {
    }

    private static List<Call> blockingCalls(FakeCamera camera) {
        return List.of(
                new Call("FakeCamera.takeFrame", () -> camera.takeFrame(SHORT)),
                new Call("FakeCamera.takeFrame", () -> camera.takeFrame(FoscCommand.LOGIN, SHORT)),
                new Call("FakeCamera.awaitFrames", () -> camera.awaitFrames(FoscCommand.LOGIN, 1, SHORT)),
                new Call("FakeCamera.awaitLoginCount", () -> camera.awaitLoginCount(1, SHORT)),
                new Call("FakeCamera.awaitConnectionCount", () -> camera.awaitConnectionCount(1, SHORT)),
                new Call("FakeSpeaker.awaitReceived", () -> camera.speaker().awaitReceived(1, SHORT)),
                new Call("FakeCamera.start", camera::start),
                new Call("FakeCamera.close", camera::close));
    }

    private static void assertRefusedOn(EventLoop loop, FakeCamera camera) throws Exception {
        for (Call call : blockingCalls(camera)) {
            Future<?> f = loop.submit(call.body()).await();
            IllegalStateException e = assertInstanceOf(IllegalStateException.class, f.cause(), call.method());
            assertTrue(e.getMessage().startsWith(call.method() + " blocks"), e.getMessage());
            assertTrue(e.getMessage().contains("event-loop thread"), e.getMessage());
        }
    }

    @Test
    void onAnotherEventLoop() throws Exception {
        EventLoop other = new DefaultEventLoop();
        try (FakeCamera camera = FakeCamera.builder().start()) {
            assertRefusedOn(other, camera);
            assertEquals(0, camera.openConnectionCount(), "the camera still runs");
            assertTrue(camera.port() > 0);
        } finally {
            other.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void onTheCamerasOwnEventLoop() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start()) {
            assertRefusedOn(camera.server().loop(), camera);
        }
    }

    @Test
    void aFleetIsNotStartedOrClosedOnAnEventLoop() throws Exception {
        EventLoop other = new DefaultEventLoop();
        try (FakeCameraFleet fleet = FakeCameraFleet.builder(FakeCamera.builder()).cameras(1).threads(1).start()) {
            Future<?> close = other.submit(fleet::close).await();
            assertInstanceOf(IllegalStateException.class, close.cause());
            Future<?> start = other.submit(() -> FakeCameraFleet.builder(FakeCamera.builder()).start()).await();
            assertInstanceOf(IllegalStateException.class, start.cause());
            assertTrue(fleet.camera(0).port() > 0);
        } finally {
            other.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}

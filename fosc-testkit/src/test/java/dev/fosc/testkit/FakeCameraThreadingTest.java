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

    /**
     * Issue 8: the methods that act on the camera's loop and wait for it used to block a foreign event loop
     * with no guard (a deadlock if the camera's loop waits for that one). They refuse, and say what to use.
     */
    @Test
    void actionsThatWaitForTheLoopAreRefusedOnAnotherEventLoop() throws Exception {
        EventLoop other = new DefaultEventLoop();
        try (FakeCamera camera = FakeCamera.builder().start()) {
            List<Call> calls = List.of(
                    new Call("FakeCamera.inject", () -> camera.inject(FakeFault.reset())),
                    new Call("FakeCamera.inject", () -> camera.inject(FakeFault.reset(), 0)),
                    new Call("FakeCamera.injectOnConnect", () -> camera.injectOnConnect(FakeFault.reset())),
                    new Call("FakeCamera.clearFaults", camera::clearFaults),
                    new Call("FakeCamera.sendEvent", () -> camera.sendEvent(FakeEvent.motion())),
                    new Call("FakeCamera.sendEvent", camera::triggerMotion),
                    new Call("FakeCamera.unlock", camera::unlock),
                    new Call("FakeCamera.closeConnections", camera::closeConnections));
            for (Call call : calls) {
                Future<?> f = other.submit(call.body()).await();
                IllegalStateException e = assertInstanceOf(IllegalStateException.class, f.cause(),
                        call.method() + " on another event loop: " + f.cause());
                assertTrue(e.getMessage().startsWith(call.method() + " waits for the camera's event loop"),
                        e.getMessage());
                assertTrue(e.getMessage().contains("schedule("), "names the asynchronous way: " + e.getMessage());
            }
            // the asynchronous way works there
            Future<?> scheduled = other.submit(() -> camera.schedule(FakeFault.reset(), Duration.ZERO)).await();
            assertTrue(scheduled.isSuccess(), String.valueOf(scheduled.cause()));
        } finally {
            other.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** On the camera's own loop the same methods run directly (nothing to wait for). */
    @Test
    void actionsRunDirectlyOnTheCamerasOwnLoop() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start()) {
            Future<?> f = camera.server().loop().submit(() -> {
                camera.injectOnConnect(FakeFault.splitWrites(3));
                camera.clearFaults();
                camera.triggerMotion();
                camera.unlock();
            }).await();
            assertTrue(f.isSuccess(), String.valueOf(f.cause()));
        }
    }
}

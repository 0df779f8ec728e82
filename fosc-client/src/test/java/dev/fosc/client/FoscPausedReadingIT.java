package dev.fosc.client;

import dev.fosc.codec.FoscLoginCheck;
import dev.fosc.codec.FoscLoginCheckReply;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscVideoData;
import dev.fosc.codec.FoscVideoOn;
import dev.fosc.codec.FoscVideoOnReply;
import io.netty.channel.ChannelHandlerContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, defect 4: a Flow subscriber that stops requesting has reading switched off; the replies to requests made
 * meanwhile (a VIDEO_ON asked again, the LOGIN of a re-login after LOGIN_CHECK_REPLY 1) arrive but sit unread for
 * longer than the request timeout. Once the subscriber asks for more, reading resumes and the requests complete on
 * the same connection: no timeout, no reconnect.
 */
class FoscPausedReadingIT {

    /**
     * Short, so that the pause lasts several request timeouts; long enough for a loaded machine (with the leak
     * detection) to read the burst in front of the reply once reading resumes: that reading time counts.
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /** How long the test keeps reading paused after the request went out: well above the request timeout. */
    private static final long PAUSE_MILLIS = 3 * REQUEST_TIMEOUT.toMillis();
    /** Frames the camera sends in one burst: far more than the subscriber's high water mark, and than one read. */
    private static final int BURST = 100;
    private static final int FRAME_BYTES = 4 * 1024;

    /** Writes {@link #BURST} video frames of {@link #FRAME_BYTES}. */
    private static void burst(ChannelHandlerContext ctx) {
        for (int i = 0; i < BURST; i++) {
            ctx.write(new FoscVideoData(FoscMediaHeader.video(i, i == 0, 640, 360, 25, 1000),
                    ctx.alloc().buffer(FRAME_BYTES).writeZero(FRAME_BYTES)));
        }
        ctx.flush();
    }

    /** Takes one frame, then nothing until told to. Keeps nothing. */
    private static final class StoppingSubscriber implements Flow.Subscriber<FoscVideoFrame> {
        final AtomicInteger received = new AtomicInteger();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(FoscVideoFrame item) {
            received.incrementAndGet();
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }
    }

    private static FoscSessionOptions options(ScriptedCamera camera, Duration keepalive) {
        return camera.options().requestTimeout(REQUEST_TIMEOUT).keepaliveInterval(keepalive)
                .videoOverflow(FoscVideoOverflow.BACK_PRESSURE).waterMarks(2, 8).build();
    }

    @Test
    void aVideoOnAskedAgainWhileReadingIsPausedCompletesOnceReadingResumes() throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera(
                (ctx, login, n) -> ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM")),
                (ctx, msg, n) -> {
                    if (msg instanceof FoscVideoOn) {
                        ctx.writeAndFlush(new FoscVideoOnReply(0)); // the second one: unread until resumed
                        if (n == 0) {
                            burst(ctx);
                        }
                    } else if (msg instanceof FoscLoginCheck) {
                        ctx.writeAndFlush(new FoscLoginCheckReply(0));
                    }
                }); FoscClient client = FoscClient.builder().threads(1).build()) {
            RecordingListener rec = new RecordingListener();
            FoscSession session = client.newSession(options(camera, FoscSessionOptions.DEFAULT_KEEPALIVE_INTERVAL),
                    rec);
            StoppingSubscriber subscriber = new StoppingSubscriber();
            session.videoFrames().subscribe(subscriber);
            get(session.connect());
            get(session.videoOn(FoscStream.MAIN));
            await(() -> session.stats().pauses() >= 1, WAIT, () -> "reading never paused: " + session.stats());

            CompletableFuture<Void> again = session.videoOn(FoscStream.MAIN);
            await(() -> camera.count("VIDEO_ON") == 2, WAIT, () -> camera.received + " received by the camera");
            Thread.sleep(PAUSE_MILLIS); // the reply is in the client's socket, unread
            assertFalse(again.isCompletedExceptionally(), () -> "failed while reading was paused: "
                    + again.handle((v, e) -> e).join());

            subscriber.subscription.request(Long.MAX_VALUE);
            get(again); // before the fix: FoscRequestTimeoutException ("no VIDEO_ON_REPLY ... within 1000 ms")
            await(() -> subscriber.received.get() == BURST, WAIT, () -> subscriber.received + " frames delivered");
            assertEquals(FoscSessionState.CONNECTED, session.state());
            assertEquals(1, camera.connections.get(), "one connection all along");
            get(session.close());
        }
    }

    @Test
    void aReloginAfterLoginCheckReplyOneWhileReadingIsPausedLogsInOnTheSameConnection() throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        AtomicBoolean reported = new AtomicBoolean();
        try (ScriptedCamera camera = new ScriptedCamera(
                (ctx, login, n) -> ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM")),
                (ctx, msg, n) -> {
                    if (msg instanceof FoscVideoOn) {
                        ctx.writeAndFlush(new FoscVideoOnReply(0));
                    } else if (msg instanceof FoscLoginCheck) {
                        if (armed.get() && reported.compareAndSet(false, true)) {
                            // the login is lost, and frames follow that fill the subscriber: the client reads the
                            // LOGIN_CHECK_REPLY, sends LOGIN, then pauses; the LOGIN_REPLY comes behind the frames
                            ctx.writeAndFlush(new FoscLoginCheckReply(1));
                            burst(ctx);
                        } else {
                            ctx.writeAndFlush(new FoscLoginCheckReply(0));
                        }
                    }
                }); FoscClient client = FoscClient.builder().threads(1).build()) {
            RecordingListener rec = new RecordingListener();
            FoscSession session = client.newSession(options(camera, Duration.ofMillis(100)), rec);
            StoppingSubscriber subscriber = new StoppingSubscriber();
            session.videoFrames().subscribe(subscriber);
            get(session.connect());
            get(session.videoOn(FoscStream.MAIN));
            armed.set(true);
            await(() -> camera.logins.get() == 2 && session.stats().pauses() >= 1, WAIT,
                    () -> camera.logins + " LOGINs received; " + session.stats());
            long checksBefore = camera.count("LOGIN_CHECK");
            Thread.sleep(PAUSE_MILLIS); // the LOGIN_REPLY is in the client's socket, unread
            assertEquals(FoscSessionState.LOGGING_IN, session.state(), "still logging in again, not reconnecting");
            assertTrue(camera.count("LOGIN_CHECK") > checksBefore, "the keepalive goes on while reading is paused");

            subscriber.subscription.request(Long.MAX_VALUE);
            await(() -> session.state() == FoscSessionState.CONNECTED && session.stats().logins() == 2, WAIT,
                    () -> session.state() + "; " + session.stats());
            assertFalse(rec.states().contains(FoscSessionState.RECONNECTING), "before the fix the LOGIN_REPLY timed"
                    + " out and the session reconnected: " + rec.states());
            assertEquals(1, camera.connections.get(), "one connection all along");
            await(() -> subscriber.received.get() >= BURST, WAIT, () -> subscriber.received + " frames delivered");
            get(session.close());
        }
    }
}

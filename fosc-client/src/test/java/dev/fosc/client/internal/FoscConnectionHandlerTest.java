package dev.fosc.client.internal;

import dev.fosc.client.FoscConnectionClosedException;
import dev.fosc.client.FoscProtocolException;
import dev.fosc.client.FoscRequestTimeoutException;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscStalledException;
import dev.fosc.client.FoscWriteQueueFullException;
import dev.fosc.codec.FoscAudioOn;
import dev.fosc.codec.FoscAudioOnReply;
import dev.fosc.codec.FoscClose;
import dev.fosc.codec.FoscCodecOptions;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscInvalidMessage;
import dev.fosc.codec.FoscMalformedPayloadException;
import dev.fosc.codec.FoscLogin;
import dev.fosc.codec.FoscLoginCheck;
import dev.fosc.codec.FoscLoginCheckReply;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscMotionAlert;
import dev.fosc.codec.FoscPipelines;
import dev.fosc.codec.FoscVideoData;
import dev.fosc.codec.FoscVideoOn;
import dev.fosc.codec.FoscVideoOnReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection handler alone on an {@link EmbeddedChannel} (typed messages in and out, no codec unless a test
 * says so), with the channel's clock frozen and advanced by hand.
 */
class FoscConnectionHandlerTest {

    private static final FoscCredentials ADMIN = FoscCredentials.of("admin", "pw-never-logged");
    private static final int UID = 0x1234;
    private static final FoscSessionOptions OPTIONS = FoscSessionOptions.builder("cam", ADMIN)
            .keepaliveInterval(Duration.ofSeconds(10)).readerIdleTimeout(Duration.ofSeconds(35))
            .requestTimeout(Duration.ofSeconds(5)).build();

    private final RecordingConnectionListener listener = new RecordingConnectionListener();

    private FoscConnectionHandler handler(FoscConnectionRole role) {
        return new FoscConnectionHandler(role, OPTIONS, UID, "cam:88", listener);
    }

    private final MockTicker ticker = Ticker.newMockTicker();

    /** A registered, active channel whose clock only moves through {@link #tick}. */
    private EmbeddedChannel channel(ChannelHandler handler) {
        return EmbeddedChannel.builder().ticker(ticker).handlers(handler).build();
    }

    private void tick(EmbeddedChannel ch, long seconds) {
        ticker.advance(seconds, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        ch.runPendingTasks();
    }

    private static FoscLoginReply accepted() {
        return FoscLoginReply.accepted(List.of("door"), List.of(), "CAM1");
    }

    private EmbeddedChannel loggedIn(FoscConnectionHandler handler) throws Exception {
        EmbeddedChannel ch = channel(handler);
        assertEquals(new FoscLogin(ADMIN, UID, 0), ch.readOutbound());
        ch.writeInbound(accepted());
        return ch;
    }

    @Test
    void logsInOnActiveAndStartsTheKeepaliveOnceAccepted() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = channel(h);
        assertEquals(new FoscLogin(ADMIN, UID, 0), ch.readOutbound());
        assertEquals(List.of("active"), listener.calls);
        assertFalse(h.keepaliveStarted());

        ch.writeInbound(accepted());
        assertEquals(List.of("active", "loggedIn:CAM1"), listener.calls);
        assertTrue(h.isLoggedIn());
        assertTrue(h.keepaliveStarted());
        assertSame(h, ch.pipeline().first(), "no idle handler added in front: the keepalive is the handler's own timer");
        assertFalse(ch.finish());
    }

    @Test
    void refusedLoginIsReportedAndNothingElseHappens() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.CONTROL);
        EmbeddedChannel ch = channel(h);
        ch.readOutbound();
        ch.writeInbound(FoscLoginReply.refusedEmpty());
        assertEquals(List.of("active", "refused:-1"), listener.calls);
        assertFalse(h.isLoggedIn());
        assertFalse(h.keepaliveStarted());
        tick(ch, 60); // no keepalive, no login retry
        assertNull(ch.readOutbound());
        assertTrue(ch.isActive(), "the session decides about the connection");
        assertFalse(ch.finish());
    }

    @Test
    void noLoginReplyInTimeIsAProtocolError() throws Exception {
        EmbeddedChannel ch = channel(handler(FoscConnectionRole.SINGLE));
        ch.readOutbound();
        tick(ch, 4);
        assertTrue(ch.isActive());
        tick(ch, 1);
        assertFalse(ch.isActive());
        assertInstanceOf(FoscProtocolException.class, listener.closeCause);
        assertTrue(listener.closeCause.getMessage().contains("no LOGIN_REPLY from cam:88 within 5000 ms"),
                listener.closeCause.getMessage());
        assertFalse(ch.finish());
    }

    @Test
    void aMalformedLoginReplyMeansNotLoggedInAndIsReportedAtOnceNotAsATimeout() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = channel(h);
        ch.readOutbound();
        ch.writeInbound(new FoscInvalidMessage(FoscCommand.LOGIN_REPLY, 2,
                new FoscMalformedPayloadException("LOGIN_REPLY(100) payload too short: 2 bytes")));
        assertEquals(List.of("active", "loginInvalid"), listener.calls);
        assertEquals(List.of("LOGIN_REPLY"), listener.messages, "still passed on, to be counted");
        assertFalse(h.isLoggedIn());
        tick(ch, 60); // no timeout, no protocol error, no LOGIN again: the session decides
        assertTrue(ch.isActive());
        assertNull(ch.readOutbound());
        assertEquals(List.of("active", "loginInvalid"), listener.calls);
        assertFalse(ch.finish());
    }

    @Test
    void aMalformedStatusReplyFailsTheOldestRequestWithATypedErrorAndTheConnectionStaysOpen() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        CompletableFuture<FoscMessage> v1 = h.request(new FoscVideoOn(0, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY);
        CompletableFuture<FoscMessage> v2 = h.request(new FoscVideoOn(0, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY);
        drainOutbound(ch);
        FoscMalformedPayloadException bad = new FoscMalformedPayloadException("VIDEO_ON_REPLY(16) too short");
        ch.writeInbound(new FoscInvalidMessage(FoscCommand.VIDEO_ON_REPLY, 1, bad));
        ExecutionException e = assertThrows(ExecutionException.class, () -> v1.get(1, TimeUnit.SECONDS));
        assertEquals(bad, e.getCause());
        assertFalse(v2.isDone());
        ch.writeInbound(new FoscVideoOnReply(0));
        assertEquals(new FoscVideoOnReply(0), v2.getNow(null));
        assertTrue(ch.isActive());
        assertEquals(0, h.pendingRequests());
        assertFalse(ch.finish());
    }

    @Test
    void writerIdleSendsLoginCheckEveryKeepaliveInterval() throws Exception {
        EmbeddedChannel ch = loggedIn(handler(FoscConnectionRole.SINGLE));
        tick(ch, 9);
        assertNull(ch.readOutbound());
        tick(ch, 1);
        assertEquals(new FoscLoginCheck(UID), ch.readOutbound());
        ch.writeInbound(new FoscLoginCheckReply(0));
        tick(ch, 10);
        assertEquals(new FoscLoginCheck(UID), ch.readOutbound());
        assertNull(ch.readOutbound());
        assertTrue(ch.isActive());
        assertFalse(ch.finish());
    }

    @Test
    void readerIdleMeansStalled() throws Exception {
        EmbeddedChannel ch = loggedIn(handler(FoscConnectionRole.SINGLE));
        tick(ch, 30);
        ch.writeInbound(new FoscLoginCheckReply(0)); // any inbound resets the reader-idle clock
        tick(ch, 30);
        assertTrue(ch.isActive());
        tick(ch, 5);
        assertFalse(ch.isActive());
        assertInstanceOf(FoscStalledException.class, listener.closeCause);
        assertTrue(listener.closeCause.getMessage().contains("35000 ms"));
        drainAndFinish(ch);
    }

    @Test
    void aReadBurstWithoutAWholeFrameCountsForTheStallDetector() throws Exception {
        EmbeddedChannel ch = loggedIn(handler(FoscConnectionRole.SINGLE));
        tick(ch, 30);
        ch.pipeline().fireChannelReadComplete(); // bytes of a large frame arrived, the frame is not complete yet
        tick(ch, 30);
        assertTrue(ch.isActive(), "30 s since the last bytes");
        tick(ch, 5);
        assertFalse(ch.isActive(), "35 s since the last bytes: stalled");
        drainAndFinish(ch);
    }

    @Test
    void anyWriteCountsForTheKeepalive() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        tick(ch, 5);
        h.send(new FoscLoginCheck(UID));
        assertEquals(new FoscLoginCheck(UID), ch.readOutbound());
        tick(ch, 5);
        assertNull(ch.readOutbound(), "10 s since login but only 5 s since the last write");
        tick(ch, 5);
        assertEquals(new FoscLoginCheck(UID), ch.readOutbound(), "10 s since the last write");
        assertFalse(ch.finish());
    }

    @Test
    void readerIdleIsIgnoredWhileReadingIsPausedByTheApplication() throws Exception {
        EmbeddedChannel ch = loggedIn(handler(FoscConnectionRole.SINGLE));
        ch.config().setAutoRead(false);
        tick(ch, 36);
        assertTrue(ch.isActive());
        ch.config().setAutoRead(true);
        tick(ch, 36);
        assertFalse(ch.isActive());
        drainAndFinish(ch);
    }

    @Test
    void aRequestWhoseReplyIsNotReadBecauseReadingIsPausedDoesNotTimeOut() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        h.setReading(false); // issue 8, defect 4: a slow Flow subscriber
        assertFalse(ch.config().isAutoRead());
        CompletableFuture<FoscMessage> v = h.request(new FoscVideoOn(0, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY);
        tick(ch, 30);
        assertFalse(v.isDone(), "the reply may be in the socket: no timeout while nobody reads it");
        h.setReading(true);
        assertTrue(ch.config().isAutoRead());
        ch.writeInbound(new FoscVideoOnReply(0)); // read once reading resumed
        assertEquals(new FoscVideoOnReply(0), v.getNow(null));
        assertTrue(ch.isActive());
        drainAndFinish(ch);
    }

    @Test
    void aRequestTimesOutAfterItsTimeoutOfReadingTimeAroundAPause() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        CompletableFuture<FoscMessage> v = h.request(new FoscVideoOn(0, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY);
        tick(ch, 2);
        h.setReading(false);
        tick(ch, 20);
        h.setReading(true);
        tick(ch, 2);
        assertFalse(v.isDone(), "4 s of reading");
        tick(ch, 1);
        ExecutionException e = assertThrows(ExecutionException.class, () -> v.get(1, TimeUnit.SECONDS));
        assertInstanceOf(FoscRequestTimeoutException.class, e.getCause());
        assertTrue(ch.isActive());
        drainAndFinish(ch);
    }

    @Test
    void aReloginAfterLoginCheckReplyOneDoesNotTimeOutWhileReadingIsPaused() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        ch.writeInbound(new FoscLoginCheckReply(1));
        assertEquals(new FoscLogin(ADMIN, UID, 0), ch.readOutbound());
        h.setReading(false); // the frames read with the LOGIN_CHECK_REPLY filled a subscriber
        tick(ch, 30);
        assertTrue(ch.isActive(), "no 'no LOGIN_REPLY' protocol error while the LOGIN_REPLY cannot be read");
        h.setReading(true);
        ch.writeInbound(accepted());
        assertTrue(h.isLoggedIn());
        assertEquals(List.of("active", "loggedIn:CAM1", "loginLost", "loggedIn:CAM1"), listener.calls);
        drainAndFinish(ch);
    }

    @Test
    void aLoginSwitchedToPausedBeforeTheChannelIsRegisteredDoesNotTimeOutEither() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.CONTROL);
        h.setReading(false); // the session paused reading while this connection was being opened
        EmbeddedChannel ch = channel(h);
        assertFalse(ch.config().isAutoRead(), "the channel takes the paused state when the handler is added");
        assertEquals(new FoscLogin(ADMIN, UID, 0), ch.readOutbound());
        tick(ch, 30);
        assertTrue(ch.isActive());
        h.setReading(true);
        ch.writeInbound(accepted());
        assertTrue(h.isLoggedIn());
        assertFalse(ch.finish());
    }

    @Test
    void theKeepaliveGoesOutWhileReadingIsPaused() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        h.setReading(false);
        for (int i = 0; i < 5; i++) { // the camera counts only the client's bytes: LOGIN_CHECK must go on
            tick(ch, 10);
            assertEquals(new FoscLoginCheck(UID), ch.readOutbound(), "keepalive " + i);
        }
        assertTrue(ch.isActive(), "not stalled while paused");
        assertFalse(ch.finish());
    }

    @Test
    void theStallDetectorCountsSilenceFromWhenReadingResumesNotFromTheLastByteBeforeThePause() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        h.setReading(false);
        tick(ch, 36); // a reader-idle check while paused: ignored, the next one 35 s later
        tick(ch, 34);
        h.setReading(true); // the camera's bytes waited in the socket: a read comes, but not in this test
        tick(ch, 1);
        assertTrue(ch.isActive(), "1 s of reading is no stall, whatever came before the pause");
        tick(ch, 33);
        assertTrue(ch.isActive(), "34 s of reading");
        tick(ch, 36);
        assertFalse(ch.isActive(), "silent for more than the reader-idle time of reading: stalled");
        assertInstanceOf(FoscStalledException.class, listener.closeCause);
        drainAndFinish(ch);
    }

    @Test
    void loginCheckReplyOneMeansLoginLost() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        ch.writeInbound(new FoscLoginCheckReply(1));
        assertFalse(h.isLoggedIn());
        assertEquals(new FoscLogin(ADMIN, UID, 0), ch.readOutbound());
        ch.writeInbound(new FoscLoginCheckReply(1)); // a second one while the login is in flight: no second LOGIN
        assertNull(ch.readOutbound());
        ch.writeInbound(accepted());
        assertTrue(h.isLoggedIn());
        assertEquals(List.of("active", "loggedIn:CAM1", "loginLost", "loggedIn:CAM1"), listener.calls);
        assertFalse(ch.finish());
    }

    @Test
    void repliesMatchTheOldestRequestOfTheirCommandAndTimeOutOneByOne() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        CompletableFuture<FoscMessage> v1 = h.request(new FoscVideoOn(0, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY);
        tick(ch, 2);
        CompletableFuture<FoscMessage> a1 = h.request(new FoscAudioOn(0, ADMIN), FoscCommand.AUDIO_ON_REPLY);
        CompletableFuture<FoscMessage> v2 = h.request(new FoscVideoOn(1, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY);
        assertEquals(3, h.pendingRequests());
        drainOutbound(ch);

        ch.writeInbound(new FoscAudioOnReply(0));
        assertEquals(new FoscAudioOnReply(0), a1.getNow(null));
        assertFalse(v1.isDone());

        ch.writeInbound(new FoscVideoOnReply(7));
        assertEquals(new FoscVideoOnReply(7), v1.getNow(null), "the oldest VIDEO_ON gets the first 16");
        assertFalse(v2.isDone());

        tick(ch, 4); // v2 was sent 2 s after v1's start: 2 + 4 = 6 s > 5 s? no: v2 is 4 s old now
        assertFalse(v2.isDone());
        tick(ch, 1);
        ExecutionException e = assertThrows(ExecutionException.class, () -> v2.get(1, TimeUnit.SECONDS));
        assertInstanceOf(FoscRequestTimeoutException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("VIDEO_ON_REPLY(16)"), e.getCause().getMessage());
        assertEquals(0, h.pendingRequests());

        ch.writeInbound(new FoscVideoOnReply(0)); // late reply: unsolicited, dropped
        assertTrue(ch.isActive());
        drainAndFinish(ch);
    }

    @Test
    void aRetryAfterATimeoutTakesThePromptReplyWhateverRequestTheCameraMeantItFor() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        CompletableFuture<FoscMessage> v1 = h.request(new FoscVideoOn(0, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY);
        tick(ch, 5);
        assertTrue(v1.isCompletedExceptionally(), "timed out");
        // issue 8, defect 1: five retries, each answered at once, all succeed (replies of one command are
        // interchangeable; the debt of v1 never takes a reply from a waiting request)
        for (int i = 0; i < 5; i++) {
            CompletableFuture<FoscMessage> retry = h.request(new FoscVideoOn(0, ADMIN, UID),
                    FoscCommand.VIDEO_ON_REPLY);
            ch.writeInbound(new FoscVideoOnReply(0));
            assertEquals(new FoscVideoOnReply(0), retry.getNow(null), "retry " + i);
        }
        assertEquals(0, h.pendingRequests());
        drainAndFinish(ch);
    }

    @Test
    void aReplyOwedToATimedOutRequestIsNoLongerExpectedAfterAnotherRequestTimeout() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        CompletableFuture<FoscMessage> v1 = h.request(new FoscVideoOn(0, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY);
        tick(ch, 5);
        assertTrue(v1.isCompletedExceptionally());
        tick(ch, 6); // the camera lost v1's reply
        CompletableFuture<FoscMessage> v2 = h.request(new FoscVideoOn(1, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY);
        ch.writeInbound(new FoscVideoOnReply(0));
        assertEquals(new FoscVideoOnReply(0), v2.getNow(null), "not taken for v1's");
        drainAndFinish(ch);
    }

    @Test
    void pendingRequestsFailWithConnectionClosedWhenTheConnectionDrops() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        CompletableFuture<FoscMessage> v = h.request(new FoscVideoOn(0, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY);
        CompletableFuture<FoscMessage> a = h.request(new FoscAudioOn(0, ADMIN), FoscCommand.AUDIO_ON_REPLY);
        drainOutbound(ch);
        ch.close();
        for (CompletableFuture<FoscMessage> f : List.of(v, a)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.SECONDS));
            assertInstanceOf(FoscConnectionClosedException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("connection to cam:88 closed"), e.getCause().getMessage());
            assertFalse(e.getCause().getMessage().contains("pw-never-logged"));
        }
        assertEquals("closed:FoscConnectionClosedException", listener.calls.get(listener.calls.size() - 1));
        CompletableFuture<FoscMessage> late = h.request(new FoscVideoOn(0, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY);
        assertTrue(late.isCompletedExceptionally());
        assertFalse(ch.finish());
    }

    @Test
    void requestsFailAtOnceWhileTheWriteQueueIsFull() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        ch.write(Unpooled.wrappedBuffer(new byte[64])); // queued, not flushed: above the high mark
        assertFalse(ch.isWritable());
        CompletableFuture<FoscMessage> v = h.request(new FoscVideoOn(0, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY);
        ExecutionException e = assertThrows(ExecutionException.class, () -> v.get(1, TimeUnit.SECONDS));
        assertInstanceOf(FoscWriteQueueFullException.class, e.getCause());
        assertTrue(h.send(new FoscAudioOn(0, ADMIN)).isCompletedExceptionally());
        assertEquals(0, h.pendingRequests());
        assertTrue(ch.isActive(), "the connection stays open");
        ch.flush();
        drainOutbound(ch);
        assertTrue(ch.isWritable());
        assertFalse(h.request(new FoscVideoOn(0, ADMIN, UID), FoscCommand.VIDEO_ON_REPLY).isDone());
        drainOutbound(ch);
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void mediaAndEventsGoToTheListenerWhichOwnsThem() throws Exception {
        EmbeddedChannel ch = loggedIn(handler(FoscConnectionRole.SINGLE));
        ByteBuf data = Unpooled.buffer().writeBytes(new byte[] {0, 0, 0, 1, 0x65});
        ch.writeInbound(new FoscVideoData(FoscMediaHeader.video(1, true, 640, 360, 25, 1000), data));
        ch.writeInbound(FoscMotionAlert.DEFAULT);
        assertEquals(List.of("VIDEO_DATA", "MOTION_ALERT"), listener.messages);
        assertEquals(0, data.refCnt(), "the recording listener released it");
        assertFalse(ch.finish());
    }

    @Test
    void mediaRoleDoesNotLogInKeepsAliveAndIgnoresCheckResults() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.MEDIA);
        EmbeddedChannel ch = channel(h);
        assertNull(ch.readOutbound());
        assertEquals(List.of("active"), listener.calls);
        assertTrue(h.keepaliveStarted());
        tick(ch, 10);
        assertEquals(new FoscLoginCheck(UID), ch.readOutbound());
        ch.writeInbound(new FoscLoginCheckReply(1));
        assertNull(ch.readOutbound(), "no LOGIN on the media connection");
        assertEquals(List.of("active"), listener.calls);
        assertFalse(ch.finish());
    }

    @Test
    void gracefulCloseSendsCloseWhenLoggedIn() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = loggedIn(h);
        h.closeGracefully(new IllegalStateException("app"));
        assertEquals(new FoscClose(ADMIN), ch.readOutbound());
        assertFalse(ch.isActive());
        assertEquals("closed:IllegalStateException", listener.calls.get(listener.calls.size() - 1));
        assertFalse(ch.finish());
    }

    @Test
    void gracefulCloseClosesAnywayWhenTheCloseWriteDoesNotCompleteInTime() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        List<Object> held = new java.util.ArrayList<>();
        ChannelOutboundHandlerAdapter cameraNotReading = new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof FoscClose) {
                    held.add(msg); // never written: the promise never completes
                } else {
                    ctx.write(msg, promise);
                }
            }
        };
        EmbeddedChannel ch = EmbeddedChannel.builder().ticker(ticker).handlers(cameraNotReading, h).build();
        assertEquals(new FoscLogin(ADMIN, UID, 0), ch.readOutbound());
        ch.writeInbound(accepted());
        io.netty.channel.ChannelFuture closed = h.closeGracefully(new IllegalStateException("app"));
        assertEquals(1, held.size(), "CLOSE was handed to the pipeline");
        ticker.advance(FoscConnectionHandler.CLOSE_WRITE_TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive(), "still waiting for the CLOSE write");
        ticker.advance(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        ch.runPendingTasks();
        assertFalse(ch.isActive(), "closed after the deadline");
        assertTrue(closed.isDone());
        assertEquals("closed:IllegalStateException", listener.calls.get(listener.calls.size() - 1));
        assertFalse(ch.finish());
    }

    @Test
    void badMagicFromTheCameraIsAProtocolErrorThatClosesTheConnection() throws Exception {
        FoscConnectionHandler h = handler(FoscConnectionRole.SINGLE);
        EmbeddedChannel ch = channel(new ChannelInitializer<>() {
            @Override
            protected void initChannel(io.netty.channel.Channel c) {
                FoscPipelines.installClient(c.pipeline(), FoscCodecOptions.builder().hostHeader("cam:88").build());
                c.pipeline().addLast(FoscConnectionHandler.NAME, h);
            }
        });
        drainOutbound(ch); // preamble + LOGIN as bytes
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {100, 0, 0, 0, 'B', 'A', 'D', '!', 0, 0, 0, 0}));
        assertFalse(ch.isActive());
        assertInstanceOf(FoscProtocolException.class, listener.closeCause);
        assertTrue(listener.closeCause.getMessage().contains("bad magic"), listener.closeCause.getMessage());
        assertFalse(ch.finish());
    }

    /** Releases what the handler wrote and asserts that nothing else was left in the channel. */
    private static void drainAndFinish(EmbeddedChannel ch) {
        drainOutbound(ch);
        assertFalse(ch.finish());
    }

    private static void drainOutbound(EmbeddedChannel ch) {
        for (Object o; (o = ch.readOutbound()) != null; ) {
            io.netty.util.ReferenceCountUtil.release(o);
        }
    }
}

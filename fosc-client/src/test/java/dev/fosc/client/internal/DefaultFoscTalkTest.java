package dev.fosc.client.internal;

import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscTalk;
import dev.fosc.client.FoscTalkEncoding;
import dev.fosc.client.FoscTalkInterruptedException;
import dev.fosc.client.FoscTalkOptions;
import dev.fosc.client.FoscTalkRefusedException;
import dev.fosc.client.FoscTalkStats;
import dev.fosc.client.FoscConnectionClosedException;
import dev.fosc.client.FoscQuirks;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscLogin;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscSpeakerOff;
import dev.fosc.codec.FoscSpeakerOffReply;
import dev.fosc.codec.FoscSpeakerOn;
import dev.fosc.codec.FoscSpeakerOnReply;
import dev.fosc.codec.FoscTalkData;
import dev.fosc.codec.G726Encoder;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A talk on an {@link EmbeddedChannel} whose clock moves only by hand: the connection handler logged in, typed
 * messages out (no codec), the camera's replies written in by the test.
 */
class DefaultFoscTalkTest {

    private static final FoscCredentials ADMIN = FoscCredentials.of("admin", "pw-never-logged");
    private static final int UID = 0x1234;
    private static final int FRAME = 960;
    private static final FoscSessionOptions OPTIONS = FoscSessionOptions.builder("cam", ADMIN).build();

    private final MockTicker ticker = Ticker.newMockTicker();
    private final FoscSessionCounters counters = new FoscSessionCounters();
    private final List<DefaultFoscTalk> ended = new ArrayList<>();
    private EmbeddedChannel ch;
    private FoscConnectionHandler handler;

    @AfterEach
    void finish() {
        if (ch != null) {
            drain();
            assertFalse(ch.finish());
        }
    }

    private FoscConnectionHandler connect() {
        handler = new FoscConnectionHandler(FoscConnectionRole.SINGLE, OPTIONS, UID, "cam:88",
                new RecordingConnectionListener());
        ch = EmbeddedChannel.builder().ticker(ticker).handlers(handler).build();
        assertEquals(new FoscLogin(ADMIN, UID, 0), ch.readOutbound());
        ch.writeInbound(FoscLoginReply.accepted(List.of(), List.of(), "CAM1"));
        return handler;
    }

    private DefaultFoscTalk talk(FoscTalkOptions options, FoscQuirkLearner learner) {
        if (handler == null) {
            connect();
        }
        return new DefaultFoscTalk(options, OPTIONS, "cam:88", UID, ch.eventLoop(), handler, learner, counters,
                ended::add);
    }

    /** A talk opened with a 160-byte SPEAKER_ON answered 0. */
    private DefaultFoscTalk open(FoscTalkOptions options) throws Exception {
        DefaultFoscTalk talk = talk(options, new FoscQuirkLearner(FoscQuirks.DEFAULT, false, false));
        CompletableFuture<FoscTalk> opened = new CompletableFuture<>();
        talk.open(opened);
        assertEquals(new FoscSpeakerOn(ADMIN, UID, 160), ch.readOutbound());
        assertFalse(opened.isDone());
        ch.writeInbound(new FoscSpeakerOnReply(0));
        assertTrue(opened.isDone());
        assertEquals(talk, opened.get());
        return talk;
    }

    private static FoscTalkOptions.Builder opts() {
        return FoscTalkOptions.builder().leadIn(Duration.ZERO);
    }

    private void advance(long millis) {
        ticker.advance(millis, TimeUnit.MILLISECONDS);
        ch.runPendingTasks();
        ch.runScheduledPendingTasks();
    }

    /** The talk frames written since the last call, as byte arrays; other messages are kept in {@code others}. */
    private final List<Object> others = new ArrayList<>();

    private List<byte[]> frames() {
        List<byte[]> out = new ArrayList<>();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            if (o instanceof FoscTalkData) {
                out.add(ByteBufUtil.getBytes(((FoscTalkData) o).content()));
            } else {
                others.add(o);
            }
            ReferenceCountUtil.release(o);
        }
        return out;
    }

    private void drain() {
        frames();
    }

    /** {@code n} frames of PCM, frame i filled with the byte i + 1. */
    private static byte[] pcm(int n) {
        byte[] b = new byte[n * FRAME];
        for (int i = 0; i < n; i++) {
            Arrays.fill(b, i * FRAME, (i + 1) * FRAME, (byte) (i + 1));
        }
        return b;
    }

    @Test
    void sendsOneFramePerSixtyMillisecondsThenIdles() throws Exception {
        DefaultFoscTalk talk = open(opts().build());
        byte[] audio = pcm(3);
        assertEquals(audio.length, talk.write(audio, 0, audio.length));
        List<byte[]> sent = frames();
        assertEquals(1, sent.size(), "the first frame goes at once");
        advance(59);
        assertEquals(0, frames().size(), "nothing before the next slot");
        advance(1);
        assertEquals(1, frames().size());
        advance(60);
        List<byte[]> third = frames();
        assertEquals(1, third.size());
        assertArrayEquals(Arrays.copyOfRange(audio, 2 * FRAME, 3 * FRAME), third.get(0));
        advance(600);
        assertEquals(0, frames().size(), "no padding mid-stream: slots without a whole frame are skipped");
        assertEquals(3, talk.stats().framesSent());
        assertEquals(3, counters.talkFramesSent);
        assertEquals(0, talk.stats().framesPadded());
    }

    @ParameterizedTest
    @EnumSource(FoscTalkEncoding.class)
    void aFrameBufferIsReleasedWhenFillingItThrows(FoscTalkEncoding encoding) throws Exception {
        DefaultFoscTalk talk = open(opts().encoding(encoding).build());
        List<io.netty.buffer.ByteBuf> allocated = new ArrayList<>();
        // a buffer that cannot take a whole frame: filling it throws between its allocation and its hand-over
        ch.config().setAllocator(new io.netty.buffer.AbstractByteBufAllocator(false) {
            @Override
            protected io.netty.buffer.ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer(initialCapacity, initialCapacity)
                        .writeZero(1);
                allocated.add(b);
                return b;
            }

            @Override
            protected io.netty.buffer.ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                return newHeapBuffer(initialCapacity, maxCapacity);
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        });
        try {
            talk.write(pcm(1), 0, FRAME);
        } catch (IndexOutOfBoundsException expected) {
            // the first frame is filled at once, on this thread
        }
        assertEquals(1, allocated.size(), encoding + ": " + allocated);
        assertEquals(0, allocated.get(0).refCnt(), encoding + ": the frame buffer was released");
        assertEquals(0, frames().size());
    }

    @Test
    void scheduleReanchorsWhenAudioComesBackButKeepsOneFrameOfSpacing() throws Exception {
        DefaultFoscTalk talk = open(opts().build());
        talk.write(pcm(1), 0, FRAME);
        assertEquals(1, frames().size());
        advance(20);
        talk.write(pcm(1), 0, FRAME);
        assertEquals(0, frames().size(), "the previous frame is still playing");
        advance(39);
        assertEquals(0, frames().size());
        advance(1);
        assertEquals(1, frames().size(), "one period after the previous send");
        advance(500);
        talk.write(pcm(1), 0, FRAME);
        assertEquals(1, frames().size(), "after a pause the schedule restarts at once");
    }

    @Test
    void closePadsTheLastFrameThenSendsSpeakerOffOneFrameLater() throws Exception {
        DefaultFoscTalk talk = open(opts().build());
        byte[] audio = new byte[FRAME + 40];
        Arrays.fill(audio, (byte) 7);
        talk.write(audio, 0, audio.length);
        assertEquals(1, frames().size());
        CompletableFuture<FoscTalkStats> closed = talk.close();
        assertTrue(closed == talk.close(), "idempotent");
        assertThrows(IllegalStateException.class, () -> talk.write(audio, 0, 1));
        advance(60);
        List<byte[]> last = frames();
        assertEquals(1, last.size());
        byte[] expected = new byte[FRAME];
        Arrays.fill(expected, 0, 40, (byte) 7);
        assertArrayEquals(expected, last.get(0), "the partial frame padded with silence");
        assertTrue(others.isEmpty(), "SPEAKER_OFF waits one frame, until the last one played");
        advance(60);
        assertEquals(0, frames().size());
        assertEquals(List.of(new FoscSpeakerOff(ADMIN)), others);
        assertFalse(closed.isDone(), "waits for reply 21");
        ch.writeInbound(new FoscSpeakerOffReply(0));
        FoscTalkStats stats = closed.get();
        assertEquals(2, stats.framesSent());
        assertEquals(1, stats.framesPadded());
        assertEquals(FRAME + 40, stats.bytesWritten());
        assertEquals(160, stats.speakerOnLength());
        assertEquals(stats, talk.completion().get());
        assertEquals(List.of(talk), ended);
        assertEquals(1, counters.talksOpened);
        assertEquals(1, counters.talkFramesPadded);
    }

    @Test
    void leadInSilenceIsPacedBeforeTheAudio() throws Exception {
        DefaultFoscTalk talk = open(opts().leadIn(Duration.ofMillis(100)).build()); // rounded up to 2 frames
        talk.write(pcm(1), 0, FRAME);
        List<byte[]> first = frames();
        assertEquals(1, first.size());
        assertArrayEquals(new byte[FRAME], first.get(0));
        advance(60);
        assertArrayEquals(new byte[FRAME], frames().get(0));
        advance(60);
        assertArrayEquals(pcm(1), frames().get(0));
        assertEquals(2, talk.stats().leadInFrames());
        assertEquals(3, talk.stats().framesSent());
    }

    @Test
    void aLateEventLoopDropsWhatIsTooLateAndNeverSendsABurst() throws Exception {
        DefaultFoscTalk talk = open(opts().maxLatency(Duration.ofMillis(120)).build());
        talk.write(pcm(1), 0, FRAME);
        assertEquals(1, frames().size());
        // the loop is held up for 600 ms while a real-time writer goes on writing
        ticker.advance(600, TimeUnit.MILLISECONDS);
        byte[] audio = pcm(10);
        talk.write(audio, 0, audio.length);
        ch.runScheduledPendingTasks();
        List<byte[]> sent = frames();
        assertEquals(1, sent.size(), "one frame in the late slot, not the missed ones as a burst");
        assertEquals(7, talk.stats().framesDroppedLate(), "slots more than 120 ms in the past");
        assertArrayEquals(Arrays.copyOfRange(audio, 7 * FRAME, 8 * FRAME), sent.get(0));
        advance(59);
        assertEquals(0, frames().size(), "the schedule re-anchored at the late send");
        advance(1);
        assertEquals(1, frames().size());
        advance(60);
        assertEquals(1, frames().size());
        assertEquals(7, counters.talkFramesDroppedLate);
        assertTrue(talk.stats().latenessP99().toMillis() >= 500, talk.stats().toString());
    }

    @Test
    void aWriterFasterThanRealTimeLosesTheOldestFrames() throws Exception {
        DefaultFoscTalk talk = open(opts().maxLatency(Duration.ofMillis(180)).build());
        byte[] audio = pcm(10);
        assertEquals(audio.length, talk.write(audio, 0, audio.length));
        List<byte[]> sent = frames();
        assertEquals(1, sent.size());
        // behind the frame being sent at most 180 ms (3 frames) may wait: 6 frames are dropped
        assertEquals(6, talk.stats().framesDroppedLate());
        assertArrayEquals(Arrays.copyOfRange(audio, 6 * FRAME, 7 * FRAME), sent.get(0));
        assertEquals(3 * FRAME, talk.buffered());
    }

    @Test
    void aFullBufferRefusesTheRestAndCountsItAsOverflow() throws Exception {
        DefaultFoscTalk talk = open(opts().bufferBytes(2 * FRAME).build());
        talk.close(); // nothing is sent while the test writes: the pacer idles with nothing buffered
        ch.writeInbound(new FoscSpeakerOffReply(0)); // (SPEAKER_OFF went out at once)
        drain();
        assertThrows(IllegalStateException.class, () -> talk.write(new byte[1], 0, 1));

        DefaultFoscTalk second = open(opts().bufferBytes(2 * FRAME).maxLatency(Duration.ofSeconds(1)).build());
        ByteBuffer big = ByteBuffer.wrap(new byte[5000]);
        assertEquals(2 * FRAME, second.write(big), "what fits");
        assertEquals(2 * FRAME, big.position(), "the position moves by what was accepted");
        assertEquals(4, second.stats().framesDroppedOverflow(), "3,080 refused bytes, rounded up to frames");
        assertEquals(1, frames().size(), "the first frame left at once, which made room for one more");
        assertEquals(FRAME, second.write(new byte[2000], 0, 2000));
        assertEquals(0, second.write(new byte[10], 0, 10), "full again");
        assertEquals(5, second.stats().framesDroppedOverflow(), "3,080 + 1,040 + 10 refused bytes, rounded up");
        assertEquals(3 * FRAME, second.stats().bytesWritten());
    }

    @Test
    void aLostConnectionInterruptsTheTalkAndStopsItsSchedule() throws Exception {
        DefaultFoscTalk talk = open(opts().build());
        byte[] audio = pcm(5);
        talk.write(audio, 0, audio.length);
        assertEquals(1, frames().size());
        FoscConnectionClosedException cause = new FoscConnectionClosedException("camera cam:88 closed the connection");
        talk.interrupted(cause);
        ExecutionException e = assertThrows(ExecutionException.class, () -> talk.completion().get());
        assertInstanceOf(FoscTalkInterruptedException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("closed the connection"), e.getCause().getMessage());
        assertEquals(cause, e.getCause().getCause());
        assertTrue(talk.close().isCompletedExceptionally());
        assertEquals(0, talk.buffered(), "the buffer is emptied");
        advance(1000);
        assertEquals(0, frames().size(), "the schedule stopped");
        assertEquals(List.of(talk), ended);
        assertThrows(IllegalStateException.class, () -> talk.write(audio, 0, 1));
    }

    @Test
    void aNotWritableChannelDropsTheFrameAsLateInsteadOfQueueing() throws Exception {
        DefaultFoscTalk talk = open(opts().build());
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        byte[] audio = pcm(3);
        talk.write(audio, 0, audio.length);
        advance(60);
        assertEquals(0, frames().size());
        assertEquals(2, talk.stats().framesDroppedLate());
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        advance(60);
        List<byte[]> sent = frames();
        assertEquals(1, sent.size());
        assertArrayEquals(Arrays.copyOfRange(audio, 2 * FRAME, 3 * FRAME), sent.get(0));
    }

    @Test
    void g726FramesAreTheEncoderOutputOfEachBlock() throws Exception {
        DefaultFoscTalk talk = open(opts().encoding(FoscTalkEncoding.G726).build());
        byte[] audio = new byte[2 * FRAME];
        for (int i = 0; i < audio.length / 2; i++) {
            short s = (short) (8000 * Math.sin(i / 5.0));
            audio[2 * i] = (byte) s;
            audio[2 * i + 1] = (byte) (s >> 8);
        }
        talk.write(audio, 0, audio.length);
        advance(60);
        List<byte[]> sent = frames();
        assertEquals(2, sent.size());
        byte[] expected = new G726Encoder().encode(audio);
        assertArrayEquals(Arrays.copyOfRange(expected, 0, 120), sent.get(0));
        assertArrayEquals(Arrays.copyOfRange(expected, 120, 240), sent.get(1));
        assertEquals(FoscTalkEncoding.G726, talk.stats().encoding());
    }

    @Test
    void aRefusedSpeakerOnNamesTheLikelyCauses() throws Exception {
        DefaultFoscTalk talk = talk(opts().build(), new FoscQuirkLearner(FoscQuirks.DEFAULT, false, false));
        CompletableFuture<FoscTalk> opened = new CompletableFuture<>();
        talk.open(opened);
        assertEquals(new FoscSpeakerOn(ADMIN, UID, 160), ch.readOutbound());
        ch.writeInbound(new FoscSpeakerOnReply(1));
        ExecutionException e = assertThrows(ExecutionException.class, opened::get);
        FoscTalkRefusedException refused = assertInstanceOf(FoscTalkRefusedException.class, e.getCause());
        assertEquals(1, refused.status());
        assertArrayEquals(new int[] {160}, refused.sizesTried());
        String m = refused.getMessage();
        assertTrue(m.contains("another talker") && m.contains("speakerOnLength") && m.contains("R2C wants 164"), m);
        assertFalse(m.contains("pw-never-logged"));
        assertNull(ch.readOutbound(), "one request, no retry");
        assertEquals(List.of(talk), ended);
    }

    @Test
    void probingTriesEachSizeOnceAndRemembersTheAcceptedOne() throws Exception {
        FoscQuirkLearner learner = new FoscQuirkLearner(FoscQuirks.DEFAULT, true, false);
        DefaultFoscTalk talk = talk(opts().build(), learner);
        CompletableFuture<FoscTalk> opened = new CompletableFuture<>();
        talk.open(opened);
        assertEquals(new FoscSpeakerOn(ADMIN, UID, 160), ch.readOutbound());
        ch.writeInbound(new FoscSpeakerOnReply(1));
        assertEquals(new FoscSpeakerOn(ADMIN, UID, 164), ch.readOutbound());
        ch.writeInbound(new FoscSpeakerOnReply(0));
        assertEquals(164, opened.get().stats().speakerOnLength());
        assertEquals(164, learner.current().speakerOnLength());

        FoscQuirkLearner busy = new FoscQuirkLearner(FoscQuirks.DEFAULT, true, false);
        DefaultFoscTalk other = talk(opts().build(), busy);
        CompletableFuture<FoscTalk> refused = new CompletableFuture<>();
        other.open(refused);
        for (int size : new int[] {160, 164, 161}) {
            assertEquals(new FoscSpeakerOn(ADMIN, UID, size), ch.readOutbound());
            ch.writeInbound(new FoscSpeakerOnReply(1));
        }
        assertNull(ch.readOutbound(), "never more than one request per size");
        ExecutionException e = assertThrows(ExecutionException.class, refused::get);
        assertTrue(e.getCause().getMessage().contains("160, 164, 161 bytes")
                && e.getCause().getMessage().contains("speaker busy or not supported"), e.getCause().getMessage());
    }

    @Test
    void theSubscriberRequestsOnlyWhileThereIsRoomAndLosesNothing() throws Exception {
        DefaultFoscTalk talk = open(opts().maxLatency(Duration.ofMillis(120)).build());
        List<Long> requests = new ArrayList<>();
        boolean[] cancelled = new boolean[1];
        Flow.Subscriber<ByteBuffer> sub = talk.subscriber();
        sub.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requests.add(n);
            }

            @Override
            public void cancel() {
                cancelled[0] = true;
            }
        });
        assertEquals(List.of(1L), requests);
        boolean[] secondCancelled = new boolean[1];
        sub.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                throw new AssertionError("a second subscription must not be asked for items");
            }

            @Override
            public void cancel() {
                secondCancelled[0] = true;
            }
        });
        assertTrue(secondCancelled[0], "one subscriber per talk");
        assertFalse(cancelled[0]);
        byte[] audio = pcm(8);
        sub.onNext(ByteBuffer.wrap(audio, 0, 5 * FRAME));
        // 120 ms may wait behind the frame being sent: the rest waits in the subscriber, nothing is requested
        assertEquals(1, requests.size());
        ByteArrayOutputStream played = new ByteArrayOutputStream();
        frames().forEach(played::writeBytes);
        for (int i = 0; i < 3; i++) {
            advance(60);
            frames().forEach(played::writeBytes);
        }
        assertEquals(2, requests.size(), "more requested once the rest moved in");
        sub.onNext(ByteBuffer.wrap(audio, 5 * FRAME, 3 * FRAME));
        sub.onComplete();
        CompletableFuture<FoscTalkStats> closed = talk.close();
        for (int i = 0; i < 10; i++) {
            advance(60);
            frames().forEach(played::writeBytes);
        }
        assertEquals(List.of(new FoscSpeakerOff(ADMIN)), others);
        ch.writeInbound(new FoscSpeakerOffReply(0));
        assertArrayEquals(audio, played.toByteArray());
        assertEquals(0, closed.get().framesDroppedLate());
        assertEquals(0, closed.get().framesDroppedOverflow());
        assertEquals(2, requests.size());
    }
}

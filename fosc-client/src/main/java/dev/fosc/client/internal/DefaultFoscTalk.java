package dev.fosc.client.internal;

import dev.fosc.client.FoscConnectionClosedException;
import dev.fosc.client.FoscRequestRefusedException;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscTalk;
import dev.fosc.client.FoscTalkEncoding;
import dev.fosc.client.FoscTalkInterruptedException;
import dev.fosc.client.FoscTalkOptions;
import dev.fosc.client.FoscTalkStats;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscSpeakerOff;
import dev.fosc.codec.FoscStatusReply;
import dev.fosc.codec.FoscTalkData;
import dev.fosc.codec.G726Encoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The {@link FoscTalk} of one session: opens the speaker ({@link FoscSpeakerOpener}), buffers what the application
 * writes ({@link FoscTalkBuffer}), and sends one frame per slot of its {@link FoscTalkPacer}, scheduled on the
 * session's event loop at absolute deadlines of the loop's clock. When nothing is left to send the pacer goes idle
 * (no task scheduled); the write that brings a whole frame back wakes it. Frames are built in buffers of the
 * channel's allocator and handed to the connection, which owns them from then on.
 *
 * <p>Threading: writers and {@link #close()} run on any thread and touch only the buffer (thread-safe), atomics and
 * volatile flags; everything else, the schedule included, runs on the event loop. Counters without a lock have a
 * single writer (the loop) and are volatile for readers.
 */
final class DefaultFoscTalk implements FoscTalk {

    private static final Logger LOG = LoggerFactory.getLogger(FoscTalk.class);
    private static final int FRAME = FoscTalkOptions.FRAME_BYTES;

    private final FoscTalkOptions options;
    private final FoscSessionOptions sessionOptions;
    private final String address;
    private final int uid;
    private final EventLoop loop;
    private final FoscConnectionHandler conn;
    private final FoscQuirkLearner quirks;
    private final FoscSessionCounters counters;
    private final Consumer<DefaultFoscTalk> ended;
    private final FoscTalkBuffer buffer;
    private final FoscTalkPacer pacer;
    private final FoscLatencyHistogram lateness = new FoscLatencyHistogram();
    private final G726Encoder g726;
    private final byte[] pcmScratch;
    private final CompletableFuture<FoscTalkStats> closeFuture = new CompletableFuture<>();
    private final CompletableFuture<FoscTalkStats> completion = new CompletableFuture<>();
    private final AtomicBoolean idle = new AtomicBoolean();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong refusedBytes = new AtomicLong();
    private final FoscTalkSubscriber subscriber = new FoscTalkSubscriber(this);

    private volatile boolean closing;
    private volatile boolean over;
    private volatile int speakerOnLength;
    private volatile long framesSent;
    private volatile long leadInSent;
    private volatile long framesPadded;
    private volatile long droppedLate;

    // event loop only
    private boolean open;
    private Throwable endCause;
    private int leadInLeft;
    private long overflowCounted;
    private ScheduledFuture<?> tick;

    /**
     * @param conn the logged-in connection the talk uses for its whole life
     * @param ended told once (on the loop) when the talk is over, however it ended
     */
    DefaultFoscTalk(FoscTalkOptions options, FoscSessionOptions sessionOptions, String address, int uid,
                    EventLoop loop, FoscConnectionHandler conn, FoscQuirkLearner quirks,
                    FoscSessionCounters counters, Consumer<DefaultFoscTalk> ended) {
        this.options = Objects.requireNonNull(options, "options");
        this.sessionOptions = sessionOptions;
        this.address = address;
        this.uid = uid;
        this.loop = loop;
        this.conn = conn;
        this.quirks = quirks;
        this.counters = counters;
        this.ended = ended;
        this.buffer = new FoscTalkBuffer(options.bufferBytes());
        this.pacer = new FoscTalkPacer(options.maxLatency().toNanos());
        this.g726 = options.encoding() == FoscTalkEncoding.G726 ? new G726Encoder() : null;
        this.pcmScratch = g726 != null ? new byte[FRAME] : null;
    }

    // ---------------------------------------------------------------- opening (event loop)

    /** Opens the speaker; {@code result} completes with this talk, pacing started, or fails. Event loop only. */
    void open(CompletableFuture<FoscTalk> result) {
        FoscSpeakerOpener.open(conn, sessionOptions.credentials(), uid, quirks.speakerOnLengths(), address)
                .whenComplete((length, error) -> {
                    if (over) {
                        if (error == null) {
                            conn.send(new FoscSpeakerOff(sessionOptions.credentials())); // give the speaker back
                        }
                        result.completeExceptionally(endCause);
                        return;
                    }
                    if (error != null) {
                        over = true;
                        ended.accept(this);
                        result.completeExceptionally(error);
                        return;
                    }
                    open = true;
                    quirks.speakerOnAccepted(length);
                    speakerOnLength = length;
                    counters.talksOpened++;
                    leadInLeft = options.leadInFrames();
                    LOG.debug("{}: talk open (SPEAKER_ON {} bytes, {})", address, length, options);
                    resume();
                    result.complete(this);
                });
    }

    // ---------------------------------------------------------------- public API (any thread)

    @Override
    public int write(ByteBuffer pcm) {
        Objects.requireNonNull(pcm, "pcm");
        checkWritable();
        int offered = pcm.remaining();
        int n = buffer.offer(pcm);
        accepted(n, offered - n);
        return n;
    }

    @Override
    public int write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        checkWritable();
        int n = buffer.offer(b, off, len);
        accepted(n, len - n);
        return n;
    }

    @Override
    public Flow.Subscriber<ByteBuffer> subscriber() {
        return subscriber;
    }

    @Override
    public int buffered() {
        return buffer.size();
    }

    @Override
    public CompletableFuture<FoscTalkStats> close() {
        if (!closing) {
            closing = true;
            subscriber.stop(); // what it received still plays
            wakeIfIdle();
        }
        return closeFuture;
    }

    @Override
    public CompletableFuture<FoscTalkStats> completion() {
        return completion;
    }

    @Override
    public FoscTalkStats stats() {
        return new FoscTalkStats(framesSent, leadInSent, framesPadded, droppedLate, overflowFrames(),
                bytesWritten.get(), lateness.percentile(50), lateness.percentile(99), speakerOnLength,
                options.encoding());
    }

    @Override
    public FoscTalkOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "FoscTalk[" + address + ", " + options.encoding() + (over ? ", over" : closing ? ", closing" : "")
                + "]";
    }

    // ---------------------------------------------------------------- writers (any thread)

    private void checkWritable() {
        if (closing || over) {
            throw new IllegalStateException("the talk to " + address + " is " + (over ? "over" : "closing")
                    + ": nothing more can be written");
        }
    }

    private void accepted(int n, int refused) {
        if (n > 0) {
            bytesWritten.addAndGet(n);
        }
        if (refused > 0) {
            refusedBytes.addAndGet(refused);
        }
        wakeIfIdle();
    }

    /** Whether the talk has ended (closed, refused or interrupted). */
    boolean isOver() {
        return over;
    }

    boolean isClosing() {
        return closing;
    }

    /** How much more the subscriber may put in now: up to the buffer bound and the latency bound. */
    int subscriberRoom() {
        if (over) {
            return 0;
        }
        return Math.min(buffer.capacity(), pacer.latencyLimitBytes()) - buffer.size();
    }

    /** Copies as much of {@code item} as {@link #subscriberRoom()} allows (the subscriber's lock held). */
    void acceptFromSubscriber(ByteBuffer item) {
        int room = Math.max(0, subscriberRoom());
        if (room == 0 || !item.hasRemaining()) {
            return;
        }
        ByteBuffer part = item.slice();
        part.limit(Math.min(room, part.remaining()));
        int n = buffer.offer(part);
        item.position(item.position() + n);
        if (n > 0) {
            bytesWritten.addAndGet(n);
        }
    }

    /** Starts the pacer again if it is idle and has something to do (a whole frame, or closing). */
    void wakeIfIdle() {
        if (idle.get() && (closing || buffer.size() >= FRAME) && idle.compareAndSet(true, false)) {
            if (loop.inEventLoop()) {
                resume();
            } else {
                try {
                    loop.execute(this::resume);
                } catch (RejectedExecutionException e) {
                    LOG.debug("{}: the event loop is shut down; the talk cannot go on", address);
                }
            }
        }
    }

    // ---------------------------------------------------------------- pacing (event loop)

    private long now() {
        return loop.ticker().nanoTime();
    }

    private void resume() {
        if (over) {
            return;
        }
        long first = pacer.start(now());
        if (first - now() <= 0) {
            onSlot();
        } else {
            scheduleAt(first);
        }
    }

    private void scheduleAt(long deadline) {
        tick = loop.schedule(this::onSlot, Math.max(0, deadline - now()), TimeUnit.NANOSECONDS);
    }

    /** One slot: drop what is too late, then send one frame, SPEAKER_OFF, or go idle. */
    private void onSlot() {
        tick = null;
        if (over) {
            return;
        }
        long now = now();
        syncOverflow();
        if (leadInLeft == 0) {
            dropLate(pacer.framesTooLate(now));
            dropLate(pacer.framesOverLatency(buffer.size()));
        }
        subscriber.roomFreed();
        int available = buffer.size();
        boolean leadIn = leadInLeft > 0;
        if (!leadIn && available < FRAME && !(closing && available > 0)) {
            if (!closing) {
                goIdle();
            } else if (subscriber.hasPending()) {
                scheduleAt(pacer.skipped(now)); // cannot happen with a buffer of a frame or more; never spin
            } else {
                speakerOff();
            }
            return;
        }
        if (!conn.isOpen() || !conn.channel().isWritable()) {
            // the camera is not reading: a frame that cannot go out in its slot is late, never queued
            if (leadIn) {
                leadInLeft--;
            } else if (available >= FRAME) {
                dropLate(1);
            } else {
                buffer.clear(); // the partial last frame of a closing talk
                droppedLate++;
                counters.talkFramesDroppedLate++;
            }
            scheduleAt(pacer.skipped(now));
            subscriber.roomFreed();
            return;
        }
        long late = pacer.lateness(now);
        ByteBuf frame = leadIn ? silence() : takeFrame();
        conn.send(new FoscTalkData(frame)).whenComplete((v, e) -> {
            if (e != null) {
                LOG.debug("{}: a talk frame was not written: {}", address, e.getMessage());
            }
        });
        lateness.record(late);
        framesSent++;
        counters.talkFramesSent++;
        if (leadIn) {
            leadInLeft--;
            leadInSent++;
        }
        scheduleAt(pacer.sent(now));
        if (!leadIn) {
            subscriber.roomFreed();
        }
    }

    private void goIdle() {
        subscriber.roomFreed();
        idle.set(true);
        wakeIfIdle(); // a write may have come in between the check and the flag
    }

    private ByteBuf silence() {
        int bytes = options.encoding().frameBytes();
        if (g726 != null) {
            Arrays.fill(pcmScratch, (byte) 0);
            return encode();
        }
        return conn.channel().alloc().buffer(bytes).writeZero(bytes);
    }

    /** The next frame from the buffer; a partial last frame is padded with silence. */
    private ByteBuf takeFrame() {
        int n;
        ByteBuf out;
        if (g726 != null) {
            n = buffer.take(pcmScratch, FRAME);
            Arrays.fill(pcmScratch, n, FRAME, (byte) 0);
            out = encode();
        } else {
            out = conn.channel().alloc().buffer(FRAME);
            try {
                n = buffer.take(out, FRAME);
                out.writeZero(FRAME - n);
            } catch (Throwable t) { // an Error too: the buffer is not handed on, so release it here
                out.release();
                throw t;
            }
        }
        if (n < FRAME) {
            framesPadded++;
            counters.talkFramesPadded++;
        }
        return out;
    }

    private ByteBuf encode() {
        ByteBuf out = conn.channel().alloc().buffer(G726Encoder.G726_BLOCK_BYTES);
        try {
            g726.encodeBlock(Unpooled.wrappedBuffer(pcmScratch), out);
        } catch (Throwable t) { // an Error too: the buffer is not handed on, so release it here
            out.release();
            throw t;
        }
        return out;
    }

    private void dropLate(int frames) {
        int whole = Math.min(frames, buffer.size() / FRAME);
        if (whole > 0) {
            buffer.skip(whole * FRAME);
            droppedLate += whole;
            counters.talkFramesDroppedLate += whole;
        }
    }

    private long overflowFrames() {
        return (refusedBytes.get() + FRAME - 1) / FRAME;
    }

    private void syncOverflow() {
        long frames = overflowFrames();
        if (frames > overflowCounted) {
            counters.talkFramesDroppedOverflow += frames - overflowCounted;
            overflowCounted = frames;
        }
    }

    // ---------------------------------------------------------------- ending (event loop)

    private void speakerOff() {
        conn.request(new FoscSpeakerOff(sessionOptions.credentials()), FoscCommand.SPEAKER_OFF_REPLY)
                .whenComplete((reply, error) -> {
                    if (over) {
                        return;
                    }
                    if (error instanceof FoscConnectionClosedException) {
                        interrupted(error);
                    } else if (error != null) {
                        finish(error);
                    } else if (!((FoscStatusReply) reply).isOk()) {
                        int status = ((FoscStatusReply) reply).status();
                        finish(new FoscRequestRefusedException("camera " + address + " answered SPEAKER_OFF with "
                                + "status " + status + "; the talk is over", status));
                    } else {
                        finish(null);
                    }
                });
    }

    /** Ends a talk that was closed: {@code error} is null when the camera confirmed SPEAKER_OFF. */
    private void finish(Throwable error) {
        FoscTalkStats stats = stop();
        LOG.debug("{}: talk closed: {}", address, stats);
        if (error == null) {
            closeFuture.complete(stats);
            completion.complete(stats);
        } else {
            closeFuture.completeExceptionally(error);
            completion.completeExceptionally(error);
        }
    }

    /**
     * The connection was lost or the session ended ({@code cause}): the talk ends now, its buffer emptied and its
     * schedule stopped; a talk still opening fails its open future with {@code cause}. Event loop only.
     */
    void interrupted(Throwable cause) {
        if (over) {
            return;
        }
        endCause = cause;
        if (!open) {
            over = true; // the opener's callback fails the open future
            ended.accept(this);
            return;
        }
        FoscTalkStats stats = stop();
        FoscTalkInterruptedException ex = new FoscTalkInterruptedException("the talk to " + address
                + " was interrupted after " + stats.framesSent() + " frames: " + cause.getMessage(), cause);
        LOG.debug("{}", ex.getMessage());
        completion.completeExceptionally(ex);
        closeFuture.completeExceptionally(ex);
    }

    private FoscTalkStats stop() {
        over = true;
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
        idle.set(false);
        buffer.free();
        subscriber.discard();
        syncOverflow();
        ended.accept(this);
        return stats();
    }
}

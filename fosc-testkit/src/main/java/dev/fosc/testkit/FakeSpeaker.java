package dev.fosc.testkit;

import dev.fosc.codec.FoscAudioFormat;
import dev.fosc.codec.G726Decoder;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The camera's speaker, as real cameras have it (docs/protocol.md §5): no jitter buffer and no back-pressure.
 * A TALK_DATA frame is played if it arrives while at most {@link #backlog()} of audio is still waiting to
 * play; otherwise it is discarded and counted. A client that sends one 60 ms frame every 60 ms has every
 * frame played; one that sends a burst has most of it discarded. G.726 frames (120 bytes) are decoded with
 * {@link G726Decoder}; PCM frames (960 bytes) are played as they are.
 *
 * <p>Only talk data sent on a connection whose SPEAKER_ON got status 0 reaches the speaker; only one
 * connection holds it at a time.
 *
 * <p>It keeps at most {@link #maxPlayedFrames()} played frames ({@link FakeCamera.Builder#maxPlayedFrames},
 * default {@value #DEFAULT_MAX_PLAYED_FRAMES}); later frames still play (they take their time on the play
 * clock) but are only counted ({@link #playedFramesNotKept()}), so a client that talks for hours does not
 * grow the camera's memory. Discarded frames are never decoded.
 *
 * <p>Thread-safe: the camera's event loop feeds it; tests read it from any thread.
 */
public final class FakeSpeaker {

    /** The default backlog: 100 ms (a frame and a half of 60 ms). */
    public static final Duration DEFAULT_BACKLOG = Duration.ofMillis(100);
    /** The default number of played frames kept: 10,000 (10 minutes of talk, about 9.6 MB of PCM). */
    public static final int DEFAULT_MAX_PLAYED_FRAMES = 10_000;
    /**
     * The most arrival times kept ({@link #arrivalNanos()}): 100,000 (100 minutes of talk, 800 KB at most; the array
     * grows only as frames arrive). Later arrivals are counted in {@link #receivedFrames()} only.
     */
    public static final int MAX_ARRIVALS = 100_000;

    private final long backlogNanos;
    private final int maxPlayed;
    private final G726Decoder decoder = new G726Decoder();
    private final List<FakePlayedAudio> played = new ArrayList<>();
    private long received;
    private long discarded;
    private long notKept;
    private long playEndNanos = Long.MIN_VALUE;
    private long[] arrivals = new long[16];
    private int arrivalCount;

    FakeSpeaker(Duration backlog, int maxPlayedFrames) {
        this.backlogNanos = backlog.toNanos();
        this.maxPlayed = maxPlayedFrames;
    }

    /** Offers one frame of talk audio that arrived at {@code nowNanos}; true if played. Event loop only. */
    boolean offer(int connectionIndex, byte[] audio, long nowNanos) {
        FoscAudioFormat format = FoscAudioFormat.ofLength(audio.length);
        synchronized (this) {
            try {
                received++;
                recordArrival(nowNanos);
                long backlog = playEndNanos == Long.MIN_VALUE ? 0 : playEndNanos - nowNanos;
                if (backlog > backlogNanos) {
                    discarded++;
                    return false;
                }
                long start = Math.max(nowNanos, playEndNanos);
                if (played.size() >= maxPlayed) {
                    notKept++;
                    int pcmBytes = format == FoscAudioFormat.G726 ? FoscAudioFormat.PCM_FRAME_BYTES : audio.length;
                    playEndNanos = start + FakePlayedAudio.durationNanos(pcmBytes);
                    return true;
                }
                byte[] pcm = format == FoscAudioFormat.G726 ? decoder.decode(audio) : audio;
                FakePlayedAudio frame = new FakePlayedAudio(connectionIndex, format, pcm, nowNanos, start);
                playEndNanos = start + frame.durationNanos();
                played.add(frame);
                return true;
            } finally {
                notifyAll();
            }
        }
    }

    private void recordArrival(long nowNanos) {
        if (arrivalCount == MAX_ARRIVALS) {
            return;
        }
        if (arrivalCount == arrivals.length) {
            arrivals = java.util.Arrays.copyOf(arrivals, Math.min(MAX_ARRIVALS, arrivals.length * 2));
        }
        arrivals[arrivalCount++] = nowNanos;
    }

    /**
     * {@return when every talk frame that reached the speaker arrived (played or discarded, kept or not in {@link
     * #played()};
     * at most {@link #MAX_ARRIVALS}), in order, on the {@link System#nanoTime()} clock: for pacing measurements that
     * need no PCM (with {@link FakeCamera.Builder#maxPlayedFrames(int) maxPlayedFrames(0)} a speaker keeps no audio)}
     */
    public synchronized long[] arrivalNanos() {
        return java.util.Arrays.copyOf(arrivals, arrivalCount);
    }

    /** Forgets what was played and discarded, and resets the play clock. */
    public synchronized void clear() {
        arrivals = new long[16];
        arrivalCount = 0;
        played.clear();
        received = 0;
        discarded = 0;
        notKept = 0;
        playEndNanos = Long.MIN_VALUE;
    }

    /** {@return how much queued audio a frame may find and still be played} */
    public Duration backlog() {
        return Duration.ofNanos(backlogNanos);
    }

    /** {@return the most played frames kept (see the class documentation)} */
    public int maxPlayedFrames() {
        return maxPlayed;
    }

    /** {@return frames played after {@link #maxPlayedFrames()} were kept: counted, not in {@link #played()}} */
    public synchronized long playedFramesNotKept() {
        return notKept;
    }

    /** {@return the frames played so far and kept (at most {@link #maxPlayedFrames()}), in order} */
    public synchronized List<FakePlayedAudio> played() {
        return List.copyOf(played);
    }

    /** {@return every kept played frame's PCM, concatenated} */
    public synchronized byte[] playedPcm() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FakePlayedAudio a : played) {
            out.writeBytes(a.pcm());
        }
        return out.toByteArray();
    }

    /** {@return talk frames that reached the speaker (played or discarded)} */
    public synchronized long receivedFrames() {
        return received;
    }

    /** {@return talk frames discarded because they came faster than real time} */
    public synchronized long discardedFrames() {
        return discarded;
    }

    /**
     * Waits until at least {@code frames} talk frames reached the speaker (played or discarded).
     *
     * @throws AssertionError on timeout, saying how many arrived
     * @throws IllegalStateException if called on an event-loop thread
     * @param frames the frames
     * @param timeout how long to wait at most
     */
    public synchronized void awaitReceived(long frames, Duration timeout) {
        EventLoopCheck.refuseOnEventLoop("FakeSpeaker.awaitReceived");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received < frames) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the speaker received " + received + " talk frames (" + (played.size()
                        + notKept) + " played, " + discarded + " discarded) within " + timeout + "; expected " + frames);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "FakeSpeaker[played=" + (played.size() + notKept) + ", kept=" + played.size() + ", discarded="
                + discarded + "]";
    }
}

package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour of the camera, as a value a test schedules or triggers: {@link FakeCamera#inject(FakeFault)}
 * (now, on every open connection), {@link FakeCamera#inject(FakeFault, int)} (one connection),
 * {@link FakeCamera#injectOnConnect(FakeFault)} (every later connection, as it is accepted) or
 * {@link FakeCamera#schedule(FakeFault, Duration)} (later). Camera-wide faults ({@link #isCameraWide()}: a
 * reboot, ignored requests) act on the camera whichever way they are injected, and cannot be injected on connect.
 *
 * <p>Immutable and thread-safe; equal when kind and parameters are equal.
 */
public final class FakeFault {

    /** What a fault does. */
    public enum Kind {
        /** Close the connection with a TCP reset (SO_LINGER 0). */
        RESET,
        /** Close the connection after the camera has written {@link #count()} more frames. */
        CLOSE_AFTER_FRAMES,
        /**
         * Stop reading and writing; the socket stays open (and the idle timeout no longer closes it). With a
         * {@link #duration()}, the connection comes back after it: it reads again (what the client sent meanwhile
         * is answered then) and video and audio resume where they were on, video at a key frame.
         */
        STALL,
        /** Write a frame header with a bad magic, then go on as if nothing happened. */
        BAD_MAGIC,
        /** Write a frame header declaring a payload of {@link #OVERSIZED_LENGTH} bytes, then go on. */
        OVERSIZED_LENGTH,
        /** Write {@link #GARBAGE_BYTES} random bytes, then close. */
        GARBAGE_THEN_CLOSE,
        /**
         * A reboot: close every connection and stop listening for {@link #duration()} (connections are refused),
         * then listen on the same port again with the camera's state (logins, lock-out) reset.
         */
        REFUSE_CONNECTIONS,
        /** From now on, write every frame in TCP pieces of at most {@link #count()} bytes, each flushed alone. */
        SPLIT_WRITES,
        /**
         * Lost requests (for the client: lost replies). The camera records the next {@link #count()} requests
         * of {@link #command()} (or all of them for {@link #duration()}), on any connection, new ones included,
         * and then does nothing with them: no reply, no effect (a lost VIDEO_ON starts no video). Acts on the
         * camera; budgets of several such faults add up.
         */
        IGNORE_REQUESTS,
        /**
         * Write the next {@link #count()} video frames at once instead of one per frame period, as fast as the
         * connection takes them (a camera catching up after a hiccup): faster than real time, so a client that
         * reads at the frame rate, or has stopped reading, falls behind. Frames that find the connection not
         * writable are skipped up to the next key frame and counted, as always. Nothing happens on a connection
         * without video.
         */
        VIDEO_BURST
    }

    /** The declared payload length of {@link Kind#OVERSIZED_LENGTH}: 0xFFFFFF00 (about 4 GiB). */
    public static final long OVERSIZED_LENGTH = 0xFFFF_FF00L;
    /** The number of bytes {@link Kind#GARBAGE_THEN_CLOSE} writes. */
    public static final int GARBAGE_BYTES = 64;

    private final Kind kind;
    private final int count;
    private final Duration duration;
    private final FoscCommand command;

    private FakeFault(Kind kind, int count, Duration duration) {
        this(kind, count, duration, null);
    }

    private FakeFault(Kind kind, int count, Duration duration, FoscCommand command) {
        this.kind = kind;
        this.count = count;
        this.duration = duration;
        this.command = command;
    }

    /**
     * Close the connection with a TCP reset.
     *
     * @return the fault
     */
    public static FakeFault reset() {
        return new FakeFault(Kind.RESET, 0, Duration.ZERO);
    }

    /**
     * Close the connection after {@code frames} more frames written by the camera (replies, media, events).
     *
     * @param frames the frames
     * @return the fault
     */
    public static FakeFault closeAfterFrames(int frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0: " + frames);
        }
        return new FakeFault(Kind.CLOSE_AFTER_FRAMES, frames, Duration.ZERO);
    }

    /**
     * Stop reading and writing, keep the socket open: for good (a half-open connection).
     *
     * @return the fault
     */
    public static FakeFault stall() {
        return new FakeFault(Kind.STALL, 0, Duration.ZERO);
    }

    /**
     * Stop reading and writing for {@code duration}, keep the socket open, then carry on (a network hiccup):
     * read again, resume the video and audio that were on (video at a key frame).
     *
     * @param duration how long
     * @return the fault
     */
    public static FakeFault stall(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive (stall() stalls for good): " + duration);
        }
        return new FakeFault(Kind.STALL, 0, duration);
    }

    /**
     * Lost replies: the camera silently ignores the next {@code count} requests of {@code command} (VIDEO_ON,
     * AUDIO_ON, LOGIN_CHECK, LOGIN...) on any connection: they are recorded, not answered and not acted on.
     *
     * @param command the command id
     * @param count how many
     * @return the fault
     */
    public static FakeFault ignoreRequests(FoscCommand command, int count) {
        Objects.requireNonNull(command, "command");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        return new FakeFault(Kind.IGNORE_REQUESTS, count, Duration.ZERO, command);
    }

    /**
     * Lost replies for a while: the camera silently ignores every request of {@code command} for {@code duration}.
     *
     * @param command the command id
     * @param duration how long
     * @return the fault
     */
    public static FakeFault ignoreRequests(FoscCommand command, Duration duration) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        return new FakeFault(Kind.IGNORE_REQUESTS, 0, duration, command);
    }

    /**
     * Write the next {@code frames} video frames at once, faster than real time (1 or more).
     *
     * @param frames the frames
     * @return the fault
     */
    public static FakeFault videoBurst(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1: " + frames);
        }
        return new FakeFault(Kind.VIDEO_BURST, frames, Duration.ZERO);
    }

    /**
     * Write a frame header with a bad magic.
     *
     * @return the fault
     */
    public static FakeFault badMagic() {
        return new FakeFault(Kind.BAD_MAGIC, 0, Duration.ZERO);
    }

    /**
     * Write a frame header declaring an oversized payload.
     *
     * @return the fault
     */
    public static FakeFault oversizedLength() {
        return new FakeFault(Kind.OVERSIZED_LENGTH, 0, Duration.ZERO);
    }

    /**
     * Write random bytes, then close.
     *
     * @return the fault
     */
    public static FakeFault garbageThenClose() {
        return new FakeFault(Kind.GARBAGE_THEN_CLOSE, 0, Duration.ZERO);
    }

    /**
     * Reboot: refuse connections for {@code duration}, then listen again on the same port.
     *
     * @param duration how long
     * @return the fault
     */
    public static FakeFault refuseConnections(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        return new FakeFault(Kind.REFUSE_CONNECTIONS, 0, duration);
    }

    /**
     * Write in TCP pieces of at most {@code maxPieceBytes} bytes (1 or more).
     *
     * @param maxPieceBytes the max piece bytes
     * @return the fault
     */
    public static FakeFault splitWrites(int maxPieceBytes) {
        if (maxPieceBytes < 1) {
            throw new IllegalArgumentException("maxPieceBytes must be >= 1: " + maxPieceBytes);
        }
        return new FakeFault(Kind.SPLIT_WRITES, maxPieceBytes, Duration.ZERO);
    }

    /** {@return the kind of fault} */
    public Kind kind() {
        return kind;
    }

    /**
     * {@return frames ({@link Kind#CLOSE_AFTER_FRAMES}, {@link Kind#VIDEO_BURST}), piece size ({@link
     * Kind#SPLIT_WRITES}) or
     * requests ({@link Kind#IGNORE_REQUESTS} by count); 0 otherwise}
     */
    public int count() {
        return count;
    }

    /**
     * {@return how long connections are refused ({@link Kind#REFUSE_CONNECTIONS}), a connection stalls
     * ({@link Kind#STALL}; zero: for good) or requests are ignored ({@link Kind#IGNORE_REQUESTS} for a while);
     * zero otherwise}
     */
    public Duration duration() {
        return duration;
    }

    /** {@return the command whose requests are ignored ({@link Kind#IGNORE_REQUESTS}); null otherwise} */
    public FoscCommand command() {
        return command;
    }

    /** {@return whether the fault acts on the camera as a whole rather than on connections} */
    public boolean isCameraWide() {
        return kind == Kind.REFUSE_CONNECTIONS || kind == Kind.IGNORE_REQUESTS;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeFault && ((FakeFault) o).kind == kind && ((FakeFault) o).count == count
                && ((FakeFault) o).duration.equals(duration) && Objects.equals(((FakeFault) o).command, command);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, count, duration, command);
    }

    @Override
    public String toString() {
        switch (kind) {
            case CLOSE_AFTER_FRAMES: return "FakeFault[CLOSE_AFTER_FRAMES " + count + "]";
            case SPLIT_WRITES: return "FakeFault[SPLIT_WRITES " + count + " bytes]";
            case REFUSE_CONNECTIONS: return "FakeFault[REFUSE_CONNECTIONS " + duration + "]";
            case STALL: return duration.isZero() ? "FakeFault[STALL]" : "FakeFault[STALL " + duration + "]";
            case IGNORE_REQUESTS: return "FakeFault[IGNORE_REQUESTS " + command + " "
                    + (count > 0 ? count + "×" : "for " + duration) + "]";
            case VIDEO_BURST: return "FakeFault[VIDEO_BURST " + count + " frames]";
            default: return "FakeFault[" + kind + "]";
        }
    }
}

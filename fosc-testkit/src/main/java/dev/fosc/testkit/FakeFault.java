package dev.fosc.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour of the camera, as a value a test schedules or triggers: {@link FakeCamera#inject(FakeFault)}
 * (now, on every open connection), {@link FakeCamera#inject(FakeFault, int)} (one connection),
 * {@link FakeCamera#injectOnConnect(FakeFault)} (every later connection, as it is accepted) or
 * {@link FakeCamera#schedule(FakeFault, Duration)} (later).
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
        /** Stop reading and writing; the socket stays open (and the idle timeout no longer closes it). */
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
        SPLIT_WRITES
    }

    /** The declared payload length of {@link Kind#OVERSIZED_LENGTH}: 0xFFFFFF00 (about 4 GiB). */
    public static final long OVERSIZED_LENGTH = 0xFFFF_FF00L;
    /** The number of bytes {@link Kind#GARBAGE_THEN_CLOSE} writes. */
    public static final int GARBAGE_BYTES = 64;

    private final Kind kind;
    private final int count;
    private final Duration duration;

    private FakeFault(Kind kind, int count, Duration duration) {
        this.kind = kind;
        this.count = count;
        this.duration = duration;
    }

    /** Close the connection with a TCP reset. */
    public static FakeFault reset() {
        return new FakeFault(Kind.RESET, 0, Duration.ZERO);
    }

    /** Close the connection after {@code frames} more frames written by the camera (replies, media, events). */
    public static FakeFault closeAfterFrames(int frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0: " + frames);
        }
        return new FakeFault(Kind.CLOSE_AFTER_FRAMES, frames, Duration.ZERO);
    }

    /** Stop reading and writing, keep the socket open. */
    public static FakeFault stall() {
        return new FakeFault(Kind.STALL, 0, Duration.ZERO);
    }

    /** Write a frame header with a bad magic. */
    public static FakeFault badMagic() {
        return new FakeFault(Kind.BAD_MAGIC, 0, Duration.ZERO);
    }

    /** Write a frame header declaring an oversized payload. */
    public static FakeFault oversizedLength() {
        return new FakeFault(Kind.OVERSIZED_LENGTH, 0, Duration.ZERO);
    }

    /** Write random bytes, then close. */
    public static FakeFault garbageThenClose() {
        return new FakeFault(Kind.GARBAGE_THEN_CLOSE, 0, Duration.ZERO);
    }

    /** Reboot: refuse connections for {@code duration}, then listen again on the same port. */
    public static FakeFault refuseConnections(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        return new FakeFault(Kind.REFUSE_CONNECTIONS, 0, duration);
    }

    /** Write in TCP pieces of at most {@code maxPieceBytes} bytes (1 or more). */
    public static FakeFault splitWrites(int maxPieceBytes) {
        if (maxPieceBytes < 1) {
            throw new IllegalArgumentException("maxPieceBytes must be >= 1: " + maxPieceBytes);
        }
        return new FakeFault(Kind.SPLIT_WRITES, maxPieceBytes, Duration.ZERO);
    }

    /** The kind of fault. */
    public Kind kind() {
        return kind;
    }

    /** Frames ({@link Kind#CLOSE_AFTER_FRAMES}) or piece size ({@link Kind#SPLIT_WRITES}); 0 otherwise. */
    public int count() {
        return count;
    }

    /** How long connections are refused ({@link Kind#REFUSE_CONNECTIONS}); zero otherwise. */
    public Duration duration() {
        return duration;
    }

    /** Whether the fault acts on the camera as a whole rather than on connections. */
    public boolean isCameraWide() {
        return kind == Kind.REFUSE_CONNECTIONS;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeFault && ((FakeFault) o).kind == kind && ((FakeFault) o).count == count
                && ((FakeFault) o).duration.equals(duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, count, duration);
    }

    @Override
    public String toString() {
        switch (kind) {
            case CLOSE_AFTER_FRAMES: return "FakeFault[CLOSE_AFTER_FRAMES " + count + "]";
            case SPLIT_WRITES: return "FakeFault[SPLIT_WRITES " + count + " bytes]";
            case REFUSE_CONNECTIONS: return "FakeFault[REFUSE_CONNECTIONS " + duration + "]";
            default: return "FakeFault[" + kind + "]";
        }
    }
}

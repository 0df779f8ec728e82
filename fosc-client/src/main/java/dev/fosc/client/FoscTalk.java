package dev.fosc.client;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * An open talk: audio the application writes goes to the camera speaker, paced in real time. Opened by
 * {@link FoscSession#openTalk(FoscTalkOptions)}; one per session at a time.
 *
 * <h2>Audio and pacing</h2>
 * The application writes PCM: 8000 Hz, mono, signed 16-bit little-endian, any amount per call. The talk sends one
 * 60 ms frame (960 bytes of PCM, or 120 bytes of G.726 with {@link FoscTalkEncoding#G726}) every 60 ms, scheduled on
 * the session's event loop — the camera has no jitter buffer and discards what comes faster. It first sends
 * {@link FoscTalkOptions#leadIn()} of silence. When less than a frame is buffered a slot is skipped (nothing is
 * padded mid-stream) and the schedule starts again when audio comes back. Audio that would be sent more than
 * {@link FoscTalkOptions#maxLatency()} behind real time is dropped, oldest frames first, and counted.
 *
 * <h2>Bounds</h2>
 * The talk buffer holds at most {@link FoscTalkOptions#bufferBytes()} of PCM: {@link #write(ByteBuffer)} accepts
 * what fits and returns how much that was; the rest is refused and counted as dropped on overflow. A source that
 * must not lose audio uses {@link #subscriber()}, which requests more only while the buffer has room.
 *
 * <h2>Threading and ownership</h2>
 * Every method may be called from any thread. {@code write} copies what it accepts: the caller keeps its arrays and
 * buffers. The futures complete on the session's event loop: code chained on them must not block.
 *
 * <h2>Outcomes</h2>
 * {@link #close()} plays out what is buffered (the last partial frame padded with silence), sends SPEAKER_OFF and
 * completes with the final stats once the camera answered. {@link #completion()} completes with the same stats, or
 * fails with {@link FoscTalkInterruptedException} when the connection was lost or the session closed or failed
 * first. A talk is never resumed after a reconnect.
 */
public interface FoscTalk {

    /**
     * Copies as much of {@code pcm} (from its position to its limit) as the buffer takes; the position advances by
     * that much.
     *
     * @return the bytes accepted: fewer than offered when the buffer is full (the rest is counted as dropped on
     *     overflow), 0 when it is full
     * @throws IllegalStateException if the talk is closing or over
     * @param pcm the pcm
     */
    int write(ByteBuffer pcm);

    /**
     * Copies as much of {@code b[off, off + len)} as the buffer takes.
     *
     * @return the bytes accepted (see {@link #write(ByteBuffer)})
     * @throws IllegalStateException if the talk is closing or over
     * @throws IndexOutOfBoundsException if the range is not inside {@code b}
     * @param b the b
     * @param off the off
     * @param len the len
     */
    int write(byte[] b, int off, int len);

    /**
     * {@return a subscriber that writes what a publisher sends, with back-pressure: it requests one item at a time and
     * only
     * while less than {@link FoscTalkOptions#maxLatency()} (and less than the buffer bound) is buffered, so a
     * publisher that honours demand never loses audio} Each item is copied (from its position to its limit) before
     * {@code onNext} returns. {@code onComplete} closes the talk gracefully (as {@link #close()}); {@code onError}
     * closes it the same way after what is buffered. Only one subscriber per talk: the same instance is returned
     * every time, and it accepts one subscription.
     */
    Flow.Subscriber<ByteBuffer> subscriber();

    /** {@return PCM bytes buffered now, not yet sent} */
    int buffered();

    /**
     * Ends the talk: plays out what is buffered (the last partial frame padded with silence), then sends SPEAKER_OFF
     * one frame after the last frame (so that it has played) and waits for the camera's answer (within the session's
     * request timeout). Completes with the final stats, or fails as {@link #completion()} does, or with the timeout
     * or refusal of SPEAKER_OFF. Idempotent: every call returns the same future.
     *
     * @return the same future on every call, completing with the final stats
     */
    CompletableFuture<FoscTalkStats> close();

    /**
     * Completes with the final stats when the talk ended through {@link #close()}; fails with
     * {@link FoscTalkInterruptedException} when the connection was lost or the session closed or failed mid-talk.
     *
     * @return the talk's outcome
     */
    CompletableFuture<FoscTalkStats> completion();

    /** {@return a snapshot of what the talk did so far} */
    FoscTalkStats stats();

    /** {@return the options the talk was opened with} */
    FoscTalkOptions options();
}

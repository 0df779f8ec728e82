package dev.fosc.client;

import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One camera, for the whole time the application watches it: the same object stays valid across reconnects.
 * Created by {@link FoscClient#newSession}; nothing happens until {@link #connect()}.
 *
 * <h2>Threading</h2>
 * A session is pinned to one event loop of its client's group for its whole life ({@link #eventLoop()}); all
 * its state is touched only there, so it needs no locks. Methods may be called from any thread: the work is
 * handed to the event loop, and the returned futures complete on it. Code chained on those futures
 * ({@code thenAccept} …) therefore runs on the event loop too and must not block.
 *
 * <h2>What is restored</h2>
 * The session remembers what the application turned on (video and its stream, audio) and turned off
 * ({@link #videoOff()}, {@link #audioOff()}) and turns on again
 * after every reconnect or re-login. Requests made while not connected are remembered the same way: their
 * futures complete once the camera answered after the next login, or fail with {@link FoscNotConnectedException}
 * when the login does not come within {@link FoscSessionOptions#waitTimeout()} (30 s), when
 * {@link FoscSessionOptions#maxWaitingCalls()} calls wait already, or at once when the session is
 * {@link FoscSessionState#DISCONNECTED} (it does not reconnect by itself). The wish is kept in every case.
 *
 * <h2>Errors</h2>
 * Operations on a closed or failed session throw {@link FoscSessionClosedException} synchronously. Request
 * futures fail with {@link FoscRequestTimeoutException}, {@link FoscRequestRefusedException},
 * {@link FoscWriteQueueFullException} or, when the connection drops while they wait,
 * {@link FoscConnectionClosedException}.
 *
 * <h2>Delivery</h2>
 * Media and events go to the {@link FoscSessionListener} given at creation (synchronously, borrowed) and to any
 * subscriber of {@link #videoFrames()}, {@link #audioFrames()} and {@link #events()}. The publishers buffer
 * per subscriber (bounded in items and in bytes: at {@link FoscSessionOptions#highWaterMark()} items or
 * {@link FoscSessionOptions#highWaterMarkBytes()} bytes the session stops reading from the socket until the buffer
 * drains to both low water marks; a buffered frame counts the whole receive buffer it pins) and call
 * {@code onNext} on the event loop; frames are
 * borrowed for the duration of {@code onNext}. Publishers complete when the session is closed and fail with the
 * cause when it fails (items still buffered then are released, not delivered); a subscriber's {@code onNext} that
 * throws is logged and the item released. A subscriber that subscribes late sees only what arrives afterwards.
 */
public interface FoscSession {

    /** {@return the camera's address as configured (unresolved host name and port)} */
    InetSocketAddress remoteAddress();

    /** {@return the options this session was created with} */
    FoscSessionOptions options();

    /** {@return the event loop this session lives on} */
    EventLoop eventLoop();

    /** {@return the current state (a volatile snapshot; changes are reported to the listener in order)} */
    FoscSessionState state();

    /** {@return the last LOGIN_REPLY data, or {@code null} before the first login} */
    FoscLoginInfo loginInfo();

    /** {@return a snapshot of the counters} */
    FoscSessionStats stats();

    /**
     * {@return the bytes this session's {@code Flow} subscribers' buffers hold now, as counted against the byte water
     * marks
     * ({@link FoscSessionOptions#maxBufferedBytes()}): each receive buffer pinned by buffered frames once, decoded
     * PCM, events at a nominal size} A level, not a counter; read from any thread.
     */
    long bufferedBytes();

    /**
     * {@return the camera's quirks as this session knows them now: the profile's and the options' overrides, plus what
     * a
     * session with the {@code AUTO} profile learned from the camera's answers (kept for the session's life,
     * reconnects included), marked as learned ({@link FoscQuirks#videoOnStreamByteLearned()})} An application may
     * store them and pass them back with {@link FoscSessionOptions.Builder#quirks(FoscQuirks)} next time: explicit
     * quirks are used as they are, without probing.
     */
    FoscQuirks quirks();

    /**
     * Connects and logs in. Before the session's first login the future tells the outcome of one attempt: it
     * completes with the login data once the camera accepted the login, and fails with {@link FoscConnectException}
     * when the camera cannot be reached, {@link FoscAuthenticationException} when it refuses the login (final:
     * {@link FoscSessionState#FAILED}, never retried), {@link FoscLoginRateLimitedException} for "too many users",
     * {@link FoscProtocolException} or {@link FoscConnectionClosedException} when the connection breaks before the
     * login completed, and {@link FoscSessionClosedException} if the session is closed meanwhile. After any failure
     * but a refused login the session keeps trying ({@link FoscReconnectPolicy#retryFirstConnect()}, on by default):
     * a camera offline at start is picked up when it comes online, reported as {@link FoscSessionState#CONNECTED}
     * to the listener, with the media asked for meanwhile turned on.
     *
     * <p>The future fails with the exception itself: {@code join()} throws it wrapped in a
     * {@link java.util.concurrent.CompletionException}, {@code get()} in an
     * {@link java.util.concurrent.ExecutionException}; look at the cause:
     * <pre>{@code
     * try {
     *     session.connect().join();
     * } catch (CompletionException e) {
     *     if (e.getCause() instanceof FoscAuthenticationException) { ... } // wrong password: the session failed
     *     else if (e.getCause() instanceof FoscConnectException) { ... }  // offline: the session keeps trying
     * }
     * }</pre>
     *
     * <p>Calling it again while connected completes at once with the current login data; while the first attempts
     * go on it completes with the outcome of the next one; while reconnecting after a login it completes with the
     * data of the next accepted login (never an earlier one's); when {@link FoscSessionState#DISCONNECTED} it starts
     * a new attempt.
     *
     * @throws FoscSessionClosedException if the session is closed or failed
     * @return a future completing with the login data, or failing as described
     */
    CompletableFuture<FoscLoginInfo> connect();

    /**
     * Turns video on (VIDEO_ON) for {@code stream} and keeps it on across reconnects. The future completes when
     * the camera answered with status 0.
     *
     * @throws FoscSessionClosedException if the session is closed or failed
     * @param stream the stream
     * @return a future completing once the camera accepted the request
     */
    CompletableFuture<Void> videoOn(FoscStream stream);

    /**
     * Stops video: no video frame is delivered from now on, and no reconnect or re-login asks for video again,
     * until the next {@link #videoOn}. The future completes at once (on the event loop); {@code videoOn} calls still
     * waiting for a connection fail, superseded.
     *
     * <p><b>On the wire: nothing.</b> The protocol has no VIDEO_OFF command (docs/protocol.md §2), so the camera keeps
     * sending video on the current connection; the session reads and drops those frames (they count in no
     * statistic) until that connection ends. The session does <em>not</em> reconnect to make the camera stop: that
     * would also interrupt audio, events and a talk. The next connection, after a loss, is simply opened without
     * VIDEO_ON. An application that must free the bandwidth at once closes the session and opens a new one.
     *
     * <p>After a later {@code videoOn} the first frame delivered is marked {@link FoscVideoFrame#isDiscontinuity()}.
     *
     * @return a future completing once the session stopped delivering video
     * @throws FoscSessionClosedException if the session is closed or failed
     */
    CompletableFuture<Void> videoOff();

    /**
     * Turns the camera's audio on (AUDIO_ON) and keeps it on across reconnects. The future completes when the
     * camera answered with status 0.
     *
     * @throws FoscSessionClosedException if the session is closed or failed
     * @return a future completing once the camera accepted the request
     */
    CompletableFuture<Void> audioOn();

    /**
     * Turns the camera's audio off (AUDIO_OFF, which has no reply). The future completes once it was written;
     * at once when there is no connection (a new one starts without audio). While a connection that may carry
     * audio is logging in again, or its media connection is not ready, the wish is remembered and AUDIO_OFF is
     * sent as soon as it can be (the future completes then, or when that connection is lost).
     *
     * @throws FoscSessionClosedException if the session is closed or failed
     * @return a future completing once AUDIO_OFF was written (or nothing needs it)
     */
    CompletableFuture<Void> audioOff();

    /**
     * Closes the session for good: sends CLOSE when logged in, closes the connection(s) (at most
     * {@link FoscSessionOptions#CLOSE_WRITE_TIMEOUT}, 1 s, after the CLOSE, even if a camera that does not read never
     * lets it be written), never reconnects.
     * Pending futures fail with {@link FoscSessionClosedException}; publishers complete. Idempotent: every call
     * returns the same future, which completes once the connections are closed. Safe after
     * {@link FoscClient#close()} and after the event-loop group was shut down (the future is then complete at
     * once; other calls' futures fail with {@link FoscSessionClosedException}, never with
     * {@code RejectedExecutionException}).
     *
     * @return the same future on every call, completing once the connections are closed
     */
    CompletableFuture<Void> close();

    /**
     * Closes the session ({@link #close()}) and waits until its connections are closed, for at most
     * {@code timeout}. Blocks the calling thread: call it from an application thread, never from an event loop.
     *
     * @throws IllegalStateException if called on this session's event loop (it would wait for itself)
     * @throws FoscException if the session did not finish closing within {@code timeout}, or the waiting thread
     *     was interrupted (its interrupt flag is set again); the session is closed for good either way
     * @param timeout how long to wait at most
     */
    default void closeAndWait(Duration timeout) {
        if (eventLoop().inEventLoop()) {
            throw new IllegalStateException("closeAndWait blocks and was called on the session's own event loop;"
                    + " use close() there");
        }
        try {
            close().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FoscException("interrupted while waiting for the session to " + remoteAddress() + " to close",
                    e);
        } catch (TimeoutException e) {
            throw new FoscException("the session to " + remoteAddress() + " did not finish closing within "
                    + timeout + "; it is closed for good and its connections are being closed", e);
        } catch (ExecutionException e) {
            throw new FoscException("closing the session to " + remoteAddress() + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * This session as an {@link AutoCloseable} for try-with-resources, whose {@code close()} is
     * {@link #closeAndWait(Duration) closeAndWait(timeout)}:
     * <pre>{@code
     * try (FoscSessionCloser closer = client.newSession(options, listener).asCloseable(Duration.ofSeconds(5))) {
     *     FoscSession session = closer.session();
     *     session.connect().join();
     *     ...
     * } // closed here, CLOSE sent when logged in, connections closed
     * }</pre>
     * {@code close()} itself returns a future and so cannot be {@link AutoCloseable#close()}.
     *
     * @param timeout how long the closer's {@code close()} waits for the connections to close
     * @return this session as an {@link AutoCloseable} for try-with-resources, whose {@code close()} is {@link
     *     #closeAndWait(Duration) closeAndWait(timeout)}: <pre>{@code try (FoscSessionCloser closer =
     *     client.newSession(options, listener).asCloseable(Duration.ofSeconds(5))) { FoscSession session =
     *     closer.session(); session.connect().join(); ... } // closed here, CLOSE sent when logged in, connections
     *     closed }</pre> {@code close()} itself returns a future and so cannot be {@link AutoCloseable#close()}
     */
    default FoscSessionCloser asCloseable(Duration timeout) {
        java.util.Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new FoscSessionCloser(this, timeout);
    }

    /**
     * Attaches an application object to this session, replacing the one attached before, in the manner of
     * {@link java.nio.channels.SelectionKey#attach}: the camera's record in the application, its recorder…, so that
     * listener callbacks, which receive the session, need no {@code Map<FoscSession, ...>}. Thread-safe (an atomic
     * reference): any thread may attach and read. The session never reads, closes or releases it; it stays attached
     * after the session closed.
     *
     * @param value the object to attach, or {@code null} to detach
     * @return the object attached before, or {@code null}
     */
    Object attach(Object value);

    /** {@return the object last {@link #attach attached}, or {@code null}} Thread-safe. */
    Object attachment();

    /**
     * The attached object as {@code type}: {@code session.attachment(CameraRecord.class)}.
     *
     * @return the attachment, or {@code null} if none is attached
     * @throws ClassCastException if the attachment is not a {@code type}
     * @param type the type the attachment is expected to have
     * @param <T> that type
     */
    default <T> T attachment(Class<T> type) {
        Object value = attachment();
        if (value != null && !type.isInstance(value)) {
            throw new ClassCastException("the attachment of the session to " + remoteAddress() + " is a "
                    + value.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(value);
    }

    /**
     * Opens a talk to the camera speaker: sends SPEAKER_ON (with the configured size, or, while an {@code AUTO}
     * session has not learned it, each known size in turn, one request each) and completes with the open
     * {@link FoscTalk} once the camera answered status 0. See {@link FoscTalk} for pacing, bounds and outcomes.
     *
     * <p>The future fails at once with a {@link FoscException} when the session is not
     * {@link FoscSessionState#CONNECTED}, or when a talk of this session is still open (one talker per session);
     * with {@link FoscTalkRefusedException} when the camera refused every size tried (another talker holds the
     * speaker, or the model wants another size); with {@link FoscRequestTimeoutException} or
     * {@link FoscConnectionClosedException} as other requests do.
     *
     * @throws FoscSessionClosedException if the session is closed or failed
     * @param options the options
     * @return a future completing with the open talk
     */
    CompletableFuture<FoscTalk> openTalk(FoscTalkOptions options);

    /** {@return {@link #openTalk(FoscTalkOptions)} with {@link FoscTalkOptions#DEFAULT}} */
    default CompletableFuture<FoscTalk> openTalk() {
        return openTalk(FoscTalkOptions.DEFAULT);
    }

    /** {@return video frames; see the class documentation for buffering and ownership} */
    Flow.Publisher<FoscVideoFrame> videoFrames();

    /** {@return audio frames (PCM); see the class documentation for buffering and ownership} */
    Flow.Publisher<FoscAudioFrame> audioFrames();

    /** {@return events} */
    Flow.Publisher<FoscEvent> events();
}

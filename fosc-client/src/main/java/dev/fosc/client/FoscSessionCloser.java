package dev.fosc.client;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@link FoscSession} in try-with-resources: {@link #close()} closes the session and waits for its connections to
 * close, for at most the timeout given to {@link FoscSession#asCloseable(Duration)}. Made by that method.
 *
 * <p>Threading: immutable; {@code close()} blocks, so it belongs on an application thread, never on an event loop.
 * It may be called more than once (closing a session is idempotent).
 */
public final class FoscSessionCloser implements AutoCloseable {

    private final FoscSession session;
    private final Duration timeout;

    FoscSessionCloser(FoscSession session, Duration timeout) {
        this.session = Objects.requireNonNull(session, "session");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** {@return the session this closer closes} */
    public FoscSession session() {
        return session;
    }

    /** {@return how long {@link #close()} waits} */
    public Duration timeout() {
        return timeout;
    }

    /**
     * {@link FoscSession#closeAndWait(Duration)} with this closer's timeout.
     *
     * @throws IllegalStateException if called on the session's event loop
     * @throws FoscException if the connections did not close in time, or the thread was interrupted
     */
    @Override
    public void close() {
        session.closeAndWait(timeout);
    }

    @Override
    public String toString() {
        return "FoscSessionCloser[" + session + ", timeout=" + timeout + "]";
    }
}

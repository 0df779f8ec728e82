package dev.fosc.client;

/**
 * Told when a {@link FoscClient} gains or loses a session: for per-camera metrics, inventories, dashboards. Added
 * with {@link FoscClient#addSessionObserver}.
 *
 * <p>Threading: {@link #sessionAdded} runs on the thread that called {@link FoscClient#newSession} (or on the
 * thread adding the observer, for the sessions open then); {@link #sessionRemoved} runs on the session's event
 * loop (or on the closing thread when that loop is shut down already). Both run under the client's session lock,
 * which orders them: a session is added before it is removed, exactly once each. Return quickly and never block:
 * hundreds of other cameras share the event loop, and {@code newSession} waits for the lock.
 *
 * <p>An exception thrown by an observer is logged and otherwise ignored.
 */
public interface FoscSessionObserver {

    /**
     * {@code session} now belongs to the client (it is in {@link FoscClient#sessions()}).
     *
     * @param session the session
     */
    default void sessionAdded(FoscSession session) {
    }

    /**
     * {@code session} ended (closed or failed) and left the client; its counts up to this moment stay in
     * {@link FoscClient#stats()}.
     *
     * @param session the session
     */
    default void sessionRemoved(FoscSession session) {
    }
}

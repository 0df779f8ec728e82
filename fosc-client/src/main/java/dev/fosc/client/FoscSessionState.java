package dev.fosc.client;

/**
 * The life cycle of a {@link FoscSession}. Each change is logged (one line, with the camera address) and
 * reported to {@link FoscSessionListener#onStateChanged}.
 *
 * <pre>
 * NEW → CONNECTING → LOGGING_IN → CONNECTED ⇄ (loss) RECONNECTING → CONNECTING …
 *                                  any state → CLOSED (the application's close)
 *                         LOGGING_IN → FAILED (login refused: never retried)
 *        CONNECTING / LOGGING_IN → DISCONNECTED (the first connection failed, or reconnecting is disabled;
 *                                                  {@code connect()} may be called again)
 * </pre>
 */
public enum FoscSessionState {
    /** Created, {@code connect()} not called yet. */
    NEW,
    /** Opening the TCP connection(s). */
    CONNECTING,
    /** Connected; the preamble and LOGIN are sent, the reply is awaited. */
    LOGGING_IN,
    /** Logged in: requests can be made, media and events flow. */
    CONNECTED,
    /** The connection was lost; waiting for the backoff delay before the next attempt. */
    RECONNECTING,
    /**
     * Not connected and not retrying: the first connection attempt failed (and
     * {@link FoscReconnectPolicy#retryFirstConnect()} is off), or a connection was lost with reconnecting
     * disabled. Not terminal: {@code connect()} starts again.
     */
    DISCONNECTED,
    /** Terminal: the camera refused the login (bad credentials, access denied). Never retried. */
    FAILED,
    /** Terminal: closed by the application (or by closing the client). */
    CLOSED;

    /** Whether the state is final: {@link #FAILED} or {@link #CLOSED}. */
    public boolean isTerminal() {
        return this == FAILED || this == CLOSED;
    }
}

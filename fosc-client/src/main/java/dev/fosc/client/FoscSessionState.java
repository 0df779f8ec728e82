package dev.fosc.client;

/**
 * The life cycle of a {@link FoscSession}. Each change is reported to {@link FoscSessionListener#onStateChanged};
 * the log shows the first change of an outage and a summary when it ends (see the README's "Logs").
 *
 * <pre>
 * NEW → CONNECTING → LOGGING_IN → CONNECTED ⇄ (loss) RECONNECTING → CONNECTING …
 *                                  LOGGING_IN → CREDENTIALS_SUSPECT → CONNECTING … (a re-login refused)
 *                                  any state → CLOSED (the application's close)
 *                         LOGGING_IN → FAILED (the first login refused: never retried)
 *        CONNECTING / LOGGING_IN → DISCONNECTED (reconnecting is disabled, or the first connection failed with
 *                                                  {@link FoscReconnectPolicy#retryFirstConnect()} off;
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
    /** The connection was lost (or could not be made); waiting for the backoff delay before the next attempt. */
    RECONNECTING,
    /**
     * The camera refused a re-login of credentials it accepted earlier in this session (the cause is a
     * {@link FoscAuthenticationException}). Most often that is the camera's rate limit on back-to-back logins, which
     * looks exactly like a bad password; it can also be a password changed on the camera. The session waits the
     * next delay of {@link FoscReconnectPolicy#credentialsSuspectDelays()} (seconds at first, growing to minutes) and
     * tries again; it never fails for it. An application that sees this state for long should check the password.
     * Not terminal; left at the next connection attempt.
     */
    CREDENTIALS_SUSPECT,
    /**
     * Not connected and not retrying: a connection was lost with reconnecting disabled, or the first connection
     * failed with {@link FoscReconnectPolicy#retryFirstConnect()} off. Not terminal: {@code connect()} starts
     * again; other requests fail at once.
     */
    DISCONNECTED,
    /** Terminal: the camera refused the first login of the session (bad credentials, access denied). */
    FAILED,
    /** Terminal: closed by the application (or by closing the client). */
    CLOSED;

    /** {@return whether the state is final: {@link #FAILED} or {@link #CLOSED}} */
    public boolean isTerminal() {
        return this == FAILED || this == CLOSED;
    }
}

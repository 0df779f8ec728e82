package dev.fosc.client;

/**
 * The camera broke the protocol: bad frame magic, an oversized frame, a bad preamble answer, or no LOGIN_REPLY
 * in time. The connection is closed and, after a login has succeeded once, re-established with backoff.
 */
public final class FoscProtocolException extends FoscException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public FoscProtocolException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message the detail message
     * @param cause the cause
     */
    public FoscProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}

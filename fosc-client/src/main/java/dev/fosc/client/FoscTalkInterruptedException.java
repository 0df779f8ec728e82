package dev.fosc.client;

/**
 * A talk ended before it was closed, because its connection was lost, the camera reported the login lost (the
 * speaker grant goes with it), or its session was closed or failed. The cause says which. A talk is never resumed after
 * a reconnect: open a new one.
 */
public final class FoscTalkInterruptedException extends FoscException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     * @param cause the cause
     */
    public FoscTalkInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}

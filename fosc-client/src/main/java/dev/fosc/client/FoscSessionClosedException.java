package dev.fosc.client;

/**
 * The session (or its client) was closed by the application, or ended after a refused login: thrown
 * synchronously by operations called afterwards, and the cause of futures still pending at close.
 */
public final class FoscSessionClosedException extends FoscException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public FoscSessionClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message the detail message
     * @param cause the cause
     */
    public FoscSessionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}

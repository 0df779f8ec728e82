package dev.fosc.client;

/**
 * The connection closed (reset, closed by the camera, stalled, or closed by the application) while a request
 * was waiting for its reply; also the cause reported when the camera closes the connection.
 */
public final class FoscConnectionClosedException extends FoscException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public FoscConnectionClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause (what closed it, if known).
     *
     * @param message the detail message
     * @param cause the cause
     */
    public FoscConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}

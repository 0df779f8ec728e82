package dev.fosc.client;

/**
 * The base of every exception this client reports. Messages name the camera address and what failed; they
 * never contain a password.
 */
public class FoscException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public FoscException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message the detail message
     * @param cause the cause
     */
    public FoscException(String message, Throwable cause) {
        super(message, cause);
    }
}

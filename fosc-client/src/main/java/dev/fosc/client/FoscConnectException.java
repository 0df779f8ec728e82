package dev.fosc.client;

/** The camera could not be reached: TCP connect refused, timed out or unresolvable. The cause says which. */
public final class FoscConnectException extends FoscException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     * @param cause the cause
     */
    public FoscConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.fosc.client;

/** A request's reply did not arrive within {@link FoscSessionOptions#requestTimeout()}. The connection stays open. */
public final class FoscRequestTimeoutException extends FoscException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public FoscRequestTimeoutException(String message) {
        super(message);
    }
}

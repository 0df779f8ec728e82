package dev.fosc.client;

/**
 * No byte arrived for {@link FoscSessionOptions#readerIdleTimeout()}: the connection is considered dead, closed
 * and re-established.
 */
public final class FoscStalledException extends FoscException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public FoscStalledException(String message) {
        super(message);
    }
}

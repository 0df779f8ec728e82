package dev.fosc.client;

/**
 * A request was not sent because the connection's outbound buffer is above its high water mark (the camera is
 * not reading). The connection stays open; the keepalive and the stall detection decide its fate.
 */
public final class FoscWriteQueueFullException extends FoscException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public FoscWriteQueueFullException(String message) {
        super(message);
    }
}

package dev.fosc.client;

/** The camera answered a request (VIDEO_ON, AUDIO_ON) with a non-zero status. */
public final class FoscRequestRefusedException extends FoscException {
    private static final long serialVersionUID = 1L;

    /** The status the camera sent, serialized with the exception. */
    private final int status;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     * @param status the status
     */
    public FoscRequestRefusedException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** {@return the status the camera sent} */
    public int status() {
        return status;
    }
}

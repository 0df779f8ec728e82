package dev.fosc.client;

/** The camera answered a request (VIDEO_ON, AUDIO_ON) with a non-zero status. */
public final class FoscRequestRefusedException extends FoscException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** Creates the exception. */
    public FoscRequestRefusedException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The status the camera sent. */
    public int status() {
        return status;
    }
}

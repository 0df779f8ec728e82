package dev.fosc.client;

/**
 * The camera answered SPEAKER_ON with a non-zero status for every size tried: the talk did not open. The message
 * names the likely causes (another talker holds the speaker, or the model wants another SPEAKER_ON size).
 */
public final class FoscTalkRefusedException extends FoscException {
    private static final long serialVersionUID = 1L;

    /** The status of the last SPEAKER_ON_REPLY, serialized with the exception. */
    private final int status;
    /** The SPEAKER_ON sizes tried, in order, serialized with the exception. */
    private final int[] sizesTried;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     * @param status the status
     * @param sizesTried the sizes tried
     */
    public FoscTalkRefusedException(String message, int status, int[] sizesTried) {
        super(message);
        this.status = status;
        this.sizesTried = sizesTried.clone();
    }

    /** {@return the status of the last SPEAKER_ON_REPLY (1 on the cameras seen so far)} */
    public int status() {
        return status;
    }

    /** {@return the SPEAKER_ON sizes tried, in order} */
    public int[] sizesTried() {
        return sizesTried.clone();
    }
}

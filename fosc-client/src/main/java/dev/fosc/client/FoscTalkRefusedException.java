package dev.fosc.client;

/**
 * The camera answered SPEAKER_ON with a non-zero status for every size tried: the talk did not open. The message
 * names the likely causes (another talker holds the speaker, or the model wants another SPEAKER_ON size).
 */
public final class FoscTalkRefusedException extends FoscException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int[] sizesTried;

    /** Creates the exception. */
    public FoscTalkRefusedException(String message, int status, int[] sizesTried) {
        super(message);
        this.status = status;
        this.sizesTried = sizesTried.clone();
    }

    /** The status of the last SPEAKER_ON_REPLY (1 on the cameras seen so far). */
    public int status() {
        return status;
    }

    /** The SPEAKER_ON sizes tried, in order. */
    public int[] sizesTried() {
        return sizesTried.clone();
    }
}

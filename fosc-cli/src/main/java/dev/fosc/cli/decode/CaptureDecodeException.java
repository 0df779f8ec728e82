package dev.fosc.cli.decode;

/**
 * The captured stream cannot be decoded any further: a bad magic, an oversize frame, a bad preamble, or a
 * stream that ends inside a frame. {@link #getMessage()} is one line naming the absolute byte offset in the
 * input (preamble included); it never contains payload bytes or a password.
 */
public final class CaptureDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * @param reason what is wrong, already naming {@code offset}
     * @param offset the byte offset in the input where the problem starts
     */
    public CaptureDecodeException(String reason, long offset) {
        super(reason);
        this.offset = offset;
    }

    /** The byte offset in the input (counting from the first byte of the capture) where the problem starts. */
    public long offset() {
        return offset;
    }
}

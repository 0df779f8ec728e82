package dev.fosc.cli.decode;

/**
 * What came before the first frame of a captured stream (docs/protocol.md §1.1). Immutable.
 *
 * @param kind which preamble, if any
 * @param length bytes skipped before the first frame (the preamble and any CR/LF after it)
 */
public record CapturePreamble(Kind kind, long length) {

    /** The kinds of preamble a capture of one direction can start with. */
    public enum Kind {
        /** Frames from the first byte (older firmware's media port, or a capture started mid-session). */
        NONE,
        /** The client direction: a {@code SERVERPUSH ... HTTP/1.x} request ending with an empty line. */
        CLIENT_REQUEST,
        /** The camera direction: an {@code HTTP/1.x 200} status block ending with an empty line. */
        CAMERA_STATUS
    }

    /** No preamble. */
    public static final CapturePreamble NONE = new CapturePreamble(Kind.NONE, 0);
}

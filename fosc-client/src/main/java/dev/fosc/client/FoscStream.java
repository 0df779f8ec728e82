package dev.fosc.client;

/**
 * The camera's video streams. The byte VIDEO_ON carries is {@link #number()} unless the camera's quirks fix
 * it ({@link FoscQuirks#videoOnStreamByte()}).
 */
public enum FoscStream {
    /** The main (high resolution) stream: stream byte 0. */
    MAIN(0),
    /** The sub (low resolution) stream: stream byte 1. */
    SUB(1);

    private final int number;

    FoscStream(int number) {
        this.number = number;
    }

    /** {@return the stream number of docs/protocol.md §2: 0 main, 1 sub} */
    public int number() {
        return number;
    }
}

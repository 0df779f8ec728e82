package dev.fosc.bridge;

/** The bridge could not start: its RTSP port cannot be bound. The message says why. */
public final class BridgeStartException extends RuntimeException {

    /**
     * @param message why the bridge could not start, as a sentence
     * @param cause the bind failure
     */
    public BridgeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}

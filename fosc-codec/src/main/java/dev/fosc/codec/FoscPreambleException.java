package dev.fosc.codec;

import io.netty.handler.codec.DecoderException;

/**
 * The {@code SERVERPUSH} preamble exchange failed: the camera answered with an HTTP status other than 200,
 * or a client sent something that is not the preamble. The connection cannot be used.
 */
public final class FoscPreambleException extends DecoderException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception; the message says what arrived (never credentials: none are in a preamble).
     *
     * @param message the detail message
     */
    public FoscPreambleException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message the detail message
     * @param cause the cause
     */
    public FoscPreambleException(String message, Throwable cause) {
        super(message, cause);
    }
}

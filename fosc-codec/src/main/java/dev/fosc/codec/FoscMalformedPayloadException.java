package dev.fosc.codec;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * A frame was well formed but the payload of a known command was not: too short, or a field out of its
 * range. The decoder turns it into a {@link FoscInvalidMessage} for that one frame; the stream goes on.
 * Messages never contain payload bytes or passwords.
 */
public final class FoscMalformedPayloadException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names the command and what was wrong.
     *
     * @param message the detail message
     */
    public FoscMalformedPayloadException(String message) {
        super(message);
    }
}

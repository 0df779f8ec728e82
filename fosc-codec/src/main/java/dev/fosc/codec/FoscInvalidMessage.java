package dev.fosc.codec;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;

import java.util.Objects;

/**
 * A frame of a known command whose payload could not be decoded (too short, a count out of range, a media
 * length that disagrees with the frame). The frame itself was well delimited, so the stream goes on: this
 * is the failed decode of that one message, delivered in its place. {@link #decoderResult()} is a failure
 * carrying the {@link FoscMalformedPayloadException}.
 *
 * @param command the frame's command
 * @param payloadLength the frame's payload length
 * @param cause what was wrong (never contains payload bytes)
 */
public record FoscInvalidMessage(FoscCommand command, int payloadLength, FoscMalformedPayloadException cause)
        implements FoscMessage, DecoderResultProvider {

    /**
     * Creates the message, checking its components.
     *
     * @param command the frame's command
     * @param payloadLength the frame's payload length
     * @param cause what was wrong (never contains payload bytes)
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a reference component is null
     */
    public FoscInvalidMessage {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(cause, "cause");
    }

    @Override
    public DecoderResult decoderResult() {
        return DecoderResult.failure(cause);
    }

    /** Always throws: the result of an invalid message is fixed. */
    @Override
    public void setDecoderResult(DecoderResult result) {
        throw new UnsupportedOperationException("FoscInvalidMessage is immutable");
    }

    @Override
    public String toString() {
        return "FoscInvalidMessage[command=" + command + ", length=" + payloadLength + ", cause=" + cause.getMessage()
                + "]";
    }
}

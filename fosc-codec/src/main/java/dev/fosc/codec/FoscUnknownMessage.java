package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * A frame whose command this library does not know (23, 105, 200–252 are seen on real cameras), with its
 * raw payload. Unknown ids are passed on, never treated as errors.
 *
 * <p>The encoder writes any {@code FoscUnknownMessage} as a raw frame, whatever its command id: that is how
 * tools and tests send frames the typed messages cannot express (a SPEAKER_ON of an odd size, say).
 *
 * <p>Reference-counted: see the package documentation for who releases it.
 */
public final class FoscUnknownMessage extends FoscPayloadHolder<FoscUnknownMessage> implements FoscMessage {

    private final FoscCommand command;

    /**
     * Creates a message that takes ownership of {@code payload}.
     *
     * @param command the command id
     * @param payload the payload
     */
    public FoscUnknownMessage(FoscCommand command, ByteBuf payload) {
        super(payload);
        this.command = Objects.requireNonNull(command, "command");
    }

    @Override
    public FoscCommand command() {
        return command;
    }

    @Override
    public int payloadLength() {
        return content().readableBytes();
    }

    @Override
    public FoscUnknownMessage replace(ByteBuf content) {
        return new FoscUnknownMessage(command, content);
    }

    @Override
    public String toString() {
        return "FoscUnknownMessage[command=" + command.id() + ", length=" + payloadLength() + "]";
    }
}

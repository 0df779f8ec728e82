package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

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
public final class FoscUnknownMessage extends DefaultByteBufHolder implements FoscMessage {

    private final FoscCommand command;

    /** Creates a message that takes ownership of {@code payload}. */
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
    public FoscUnknownMessage copy() {
        return replace(content().copy());
    }

    @Override
    public FoscUnknownMessage duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public FoscUnknownMessage retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public FoscUnknownMessage retain() {
        super.retain();
        return this;
    }

    @Override
    public FoscUnknownMessage retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public FoscUnknownMessage touch() {
        super.touch();
        return this;
    }

    @Override
    public FoscUnknownMessage touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "FoscUnknownMessage[command=" + command.id() + ", length=" + payloadLength() + "]";
    }
}

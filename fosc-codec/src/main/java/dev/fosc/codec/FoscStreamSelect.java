package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * STREAM_SELECT (113): the selected stream. u32 stream number.
 *
 * @param stream the stream number
 */
public record FoscStreamSelect(int stream) implements FoscMessage {

    /** The payload length. */
    public static final int LENGTH = 4;

    @Override
    public FoscCommand command() {
        return FoscCommand.STREAM_SELECT;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    void write(ByteBuf out) {
        out.writeIntLE(stream);
    }

    static FoscStreamSelect decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.STREAM_SELECT, p, LENGTH);
        return new FoscStreamSelect(p.getIntLE(p.readerIndex()));
    }
}

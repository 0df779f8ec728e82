package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * LOGIN_CHECK_REPLY (29): u32 result, 0 ok (still logged in), 1 failed (the login was lost).
 *
 * @param result 0 ok, 1 failed
 */
public record FoscLoginCheckReply(int result) implements FoscMessage {

    /** The payload length. */
    public static final int LENGTH = 4;

    @Override
    public FoscCommand command() {
        return FoscCommand.LOGIN_CHECK_REPLY;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    /** {@return whether the camera still holds the login} */
    public boolean isOk() {
        return result == 0;
    }

    void write(ByteBuf out) {
        out.writeIntLE(result);
    }

    static FoscLoginCheckReply decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.LOGIN_CHECK_REPLY, p, LENGTH);
        return new FoscLoginCheckReply(p.getIntLE(p.readerIndex()));
    }
}

package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * LOGIN_CHECK (15): is the login still valid? Also the keepalive. Layout: u32 uid.
 *
 * @param uid the session id
 */
public record FoscLoginCheck(int uid) implements FoscMessage {

    /** The payload length. */
    public static final int LENGTH = 4;

    @Override
    public FoscCommand command() {
        return FoscCommand.LOGIN_CHECK;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    void write(ByteBuf out) {
        out.writeIntLE(uid);
    }

    static FoscLoginCheck decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.LOGIN_CHECK, p, LENGTH);
        return new FoscLoginCheck(p.getIntLE(p.readerIndex()));
    }
}

package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * VIDEO_ON_REPLY (16): the camera's reply to VIDEO_ON (0). 36 bytes, u32 status @0.
 *
 * @param status 0 ok, otherwise refused
 */
public record FoscVideoOnReply(int status) implements FoscStatusReply {

    @Override
    public FoscCommand command() {
        return FoscCommand.VIDEO_ON_REPLY;
    }

    void write(ByteBuf out) {
        FoscStatusReply.writeStatus(out, status);
    }

    static FoscVideoOnReply decode(ByteBuf p) {
        return new FoscVideoOnReply(FoscStatusReply.readStatus(FoscCommand.VIDEO_ON_REPLY, p));
    }
}

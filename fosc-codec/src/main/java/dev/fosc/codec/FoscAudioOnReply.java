package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * AUDIO_ON_REPLY (18): the camera's reply to AUDIO_ON (2). 36 bytes, u32 status @0.
 *
 * @param status 0 ok, otherwise refused
 */
public record FoscAudioOnReply(int status) implements FoscStatusReply {

    @Override
    public FoscCommand command() {
        return FoscCommand.AUDIO_ON_REPLY;
    }

    void write(ByteBuf out) {
        FoscStatusReply.writeStatus(out, status);
    }

    static FoscAudioOnReply decode(ByteBuf p) {
        return new FoscAudioOnReply(FoscStatusReply.readStatus(FoscCommand.AUDIO_ON_REPLY, p));
    }
}

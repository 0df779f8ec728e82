package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * SPEAKER_ON_REPLY (20): the camera's reply to SPEAKER_ON (4); talk data reaches the speaker only after status 0. 36 bytes, u32 status @0.
 *
 * @param status 0 ok, otherwise refused
 */
public record FoscSpeakerOnReply(int status) implements FoscStatusReply {

    @Override
    public FoscCommand command() {
        return FoscCommand.SPEAKER_ON_REPLY;
    }

    void write(ByteBuf out) {
        FoscStatusReply.writeStatus(out, status);
    }

    static FoscSpeakerOnReply decode(ByteBuf p) {
        return new FoscSpeakerOnReply(FoscStatusReply.readStatus(FoscCommand.SPEAKER_ON_REPLY, p));
    }
}

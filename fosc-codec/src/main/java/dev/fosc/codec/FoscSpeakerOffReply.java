package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * SPEAKER_OFF_REPLY (21): the camera's reply to SPEAKER_OFF (5). 36 bytes, u32 status @0.
 *
 * @param status 0 ok, otherwise refused
 */
public record FoscSpeakerOffReply(int status) implements FoscStatusReply {

    @Override
    public FoscCommand command() {
        return FoscCommand.SPEAKER_OFF_REPLY;
    }

    void write(ByteBuf out) {
        FoscStatusReply.writeStatus(out, status);
    }

    static FoscSpeakerOffReply decode(ByteBuf p) {
        return new FoscSpeakerOffReply(FoscStatusReply.readStatus(FoscCommand.SPEAKER_OFF_REPLY, p));
    }
}

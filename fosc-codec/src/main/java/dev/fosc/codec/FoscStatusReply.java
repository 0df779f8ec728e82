package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * The camera's 36-byte replies to VIDEO_ON, AUDIO_ON, SPEAKER_ON and SPEAKER_OFF: u32 status @0 (0 = ok),
 * 32 bytes this library does not interpret (written as zeros).
 */
public interface FoscStatusReply extends FoscMessage {

    /** The payload length of every status reply. */
    int LENGTH = 36;

    /** {@return the status: 0 ok, otherwise refused (SPEAKER_ON: 1 = rejected)} */
    int status();

    /** {@return whether {@link #status()} is 0} */
    default boolean isOk() {
        return status() == 0;
    }

    @Override
    default int payloadLength() {
        return LENGTH;
    }

    /**
     * Writes the status and the zero padding.
     *
     * @param out the buffer written to
     * @param status the status
     */
    static void writeStatus(ByteBuf out, int status) {
        out.writeIntLE(status);
        out.writeZero(LENGTH - 4);
    }

    /**
     * Reads the status of a reply to {@code command}.
     *
     * @param command the command id
     * @param p the payload
     * @return the u32 status at offset 0
     */
    static int readStatus(FoscCommand command, ByteBuf p) {
        FoscWire.requireAtLeast(command, p, 4);
        return p.getIntLE(p.readerIndex());
    }
}

package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * SPEAKER_OFF (5): close the camera speaker. Layout: str64 user @0; str64 password @64; zero bytes to 160.
 *
 * @param credentials user and password
 */
public record FoscSpeakerOff(FoscCredentials credentials) implements FoscMessage {

    /** The payload length this encoder writes. */
    public static final int LENGTH = 160;

    /**
     * Creates the message, checking its components.
     *
     * @param credentials user and password
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a reference component is null
     */
    public FoscSpeakerOff {
        Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.SPEAKER_OFF;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    void write(ByteBuf out) {
        FoscWire.writeCredentials(out, credentials);
        out.writeZero(LENGTH - 128);
    }

    static FoscSpeakerOff decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.SPEAKER_OFF, p, 128);
        return new FoscSpeakerOff(FoscWire.getCredentials(p, p.readerIndex()));
    }

    @Override
    public String toString() {
        return "FoscSpeakerOff[user=" + credentials.user() + "]";
    }
}

package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * AUDIO_OFF (3): stop the camera's audio. Same layout as {@link FoscAudioOn} (161 bytes).
 *
 * @param stream the stream byte (0..255)
 * @param credentials user and password
 */
public record FoscAudioOff(int stream, FoscCredentials credentials) implements FoscMessage {

    /** The payload length this encoder writes. */
    public static final int LENGTH = 161;

    /**
     * Creates the message, checking its components.
     *
     * @param stream the stream byte (0..255)
     * @param credentials user and password
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a reference component is null
     */
    public FoscAudioOff {
        FoscVideoOn.checkByte("stream", stream);
        Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.AUDIO_OFF;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    void write(ByteBuf out) {
        writeStreamAndCredentials(out, stream, credentials);
    }

    static void writeStreamAndCredentials(ByteBuf out, int stream, FoscCredentials credentials) {
        out.writeByte(stream);
        FoscWire.writeCredentials(out, credentials);
        out.writeZero(32);
    }

    static FoscAudioOff decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.AUDIO_OFF, p, 129);
        int i = p.readerIndex();
        return new FoscAudioOff(p.getUnsignedByte(i), FoscWire.getCredentials(p, i + 1));
    }

    @Override
    public String toString() {
        return "FoscAudioOff[stream=" + stream + ", user=" + credentials.user() + "]";
    }
}

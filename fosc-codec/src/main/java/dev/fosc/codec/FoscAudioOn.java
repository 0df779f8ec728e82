package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * AUDIO_ON (2): start the camera's audio. Layout: u8 stream; str64 user; str64 password; 32 zero bytes
 * (161 bytes). The SDK writes the VIDEO_ON stream byte here and the camera picks its codec from it
 * (1 → G.726, otherwise PCM).
 *
 * @param stream the stream byte (0..255)
 * @param credentials user and password
 */
public record FoscAudioOn(int stream, FoscCredentials credentials) implements FoscMessage {

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
    public FoscAudioOn {
        FoscVideoOn.checkByte("stream", stream);
        Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.AUDIO_ON;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    void write(ByteBuf out) {
        FoscAudioOff.writeStreamAndCredentials(out, stream, credentials);
    }

    static FoscAudioOn decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.AUDIO_ON, p, 129);
        int i = p.readerIndex();
        return new FoscAudioOn(p.getUnsignedByte(i), FoscWire.getCredentials(p, i + 1));
    }

    @Override
    public String toString() {
        return "FoscAudioOn[stream=" + stream + ", user=" + credentials.user() + "]";
    }
}

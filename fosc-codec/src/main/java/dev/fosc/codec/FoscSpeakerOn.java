package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * SPEAKER_ON (4): open the camera speaker for talk. The size is per camera model (docs/protocol.md §2):
 * <ul>
 *   <li>{@value #DEFAULT_LENGTH} bytes (SDK, C1 V3, FI9821W V2): str64 user @0; str64 password @64; u32 uid @128;
 *       zero bytes;</li>
 *   <li>{@value #R2C_LENGTH} bytes (R2C): the same fields, 32 zero bytes;</li>
 *   <li>{@value #SEED_LENGTH} bytes (the seed document's layout): a leading zero byte, then user @1, password
 *       {@literal @}65, uid @129, 28 zero bytes. Cameras that want 160 reject it.</li>
 * </ul>
 * Decoding accepts any size of at least 132 bytes; a 161-byte payload is read with the seed layout.
 *
 * @param credentials user and password
 * @param uid the session id
 * @param payloadLength {@value #DEFAULT_LENGTH}, {@value #R2C_LENGTH} or {@value #SEED_LENGTH} to encode; the
 *     received size when decoded
 */
public record FoscSpeakerOn(FoscCredentials credentials, int uid, int payloadLength) implements FoscMessage {

    /** The size the SDK and most cameras use; this library's default. */
    public static final int DEFAULT_LENGTH = 160;
    /** The size an R2C wants. */
    public static final int R2C_LENGTH = 164;
    /** The seed document's size and layout (leading byte). */
    public static final int SEED_LENGTH = 161;
    private static final int MIN_LENGTH = 132;

    /**
     * Creates the message, checking its components.
     *
     * @param credentials user and password
     * @param uid the session id
     * @param payloadLength {@value #DEFAULT_LENGTH}, {@value #R2C_LENGTH} or {@value #SEED_LENGTH} to encode; the
     *     received size when decoded
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a reference component is null
     */
    public FoscSpeakerOn {
        Objects.requireNonNull(credentials, "credentials");
        if (payloadLength < MIN_LENGTH) {
            throw new IllegalArgumentException("SPEAKER_ON payload must be at least " + MIN_LENGTH + " bytes: "
                    + payloadLength);
        }
    }

    /**
     * A SPEAKER_ON of the default size.
     *
     * @param credentials user and password
     * @param uid the session id
     */
    public FoscSpeakerOn(FoscCredentials credentials, int uid) {
        this(credentials, uid, DEFAULT_LENGTH);
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.SPEAKER_ON;
    }

    void write(ByteBuf out) {
        int start = out.writerIndex();
        if (payloadLength == SEED_LENGTH) {
            out.writeByte(0);
        }
        FoscWire.writeCredentials(out, credentials);
        out.writeIntLE(uid);
        out.writeZero(payloadLength - (out.writerIndex() - start));
    }

    static FoscSpeakerOn decode(ByteBuf p) {
        int length = p.readableBytes();
        FoscWire.requireAtLeast(FoscCommand.SPEAKER_ON, p, MIN_LENGTH);
        int i = p.readerIndex() + (length == SEED_LENGTH ? 1 : 0);
        return new FoscSpeakerOn(FoscWire.getCredentials(p, i), p.getIntLE(i + 128), length);
    }

    @Override
    public String toString() {
        return "FoscSpeakerOn[user=" + credentials.user() + ", uid=" + uid + ", length=" + payloadLength + "]";
    }
}

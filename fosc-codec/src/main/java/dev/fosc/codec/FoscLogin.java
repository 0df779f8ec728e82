package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * LOGIN (12). Layout: str64 user @0; str64 password @64; u32 uid @128; u32 loginStream @132; 28 zero bytes
 * (164 bytes).
 *
 * @param credentials user and password
 * @param uid the session id chosen by the client, the same for the whole session
 * @param loginStream 0 main, 1 sub; usually 0
 */
public record FoscLogin(FoscCredentials credentials, int uid, int loginStream) implements FoscMessage {

    /** The payload length this encoder writes. */
    public static final int LENGTH = 164;
    private static final int MIN_LENGTH = 136;

    /**
     * Creates the message, checking its components.
     *
     * @param credentials user and password
     * @param uid the session id chosen by the client, the same for the whole session
     * @param loginStream 0 main, 1 sub; usually 0
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a reference component is null
     */
    public FoscLogin {
        Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.LOGIN;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    void write(ByteBuf out) {
        FoscWire.writeCredentials(out, credentials);
        out.writeIntLE(uid);
        out.writeIntLE(loginStream);
        out.writeZero(28);
    }

    static FoscLogin decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.LOGIN, p, MIN_LENGTH);
        int i = p.readerIndex();
        return new FoscLogin(FoscWire.getCredentials(p, i), p.getIntLE(i + 128), p.getIntLE(i + 132));
    }

    @Override
    public String toString() {
        return "FoscLogin[user=" + credentials.user() + ", uid=" + uid + ", loginStream=" + loginStream + "]";
    }
}

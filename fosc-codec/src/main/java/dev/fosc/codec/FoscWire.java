package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/** Field-level helpers shared by the message classes: little-endian ints and zero-padded strings. */
final class FoscWire {

    /** The magic at offset 4 of every frame, "FOSC", read as a big-endian int. */
    static final int MAGIC = 0x464F5343;
    /** Frame header: command, magic, payload length. */
    static final int HEADER_LENGTH = 12;

    private FoscWire() {
    }

    /** Reads a zero-padded string field of {@code size} bytes at {@code index} (no index change). */
    static String getString(ByteBuf buf, int index, int size) {
        int end = index;
        int limit = index + size;
        while (end < limit && buf.getByte(end) != 0) {
            end++;
        }
        return buf.toString(index, end - index, StandardCharsets.UTF_8);
    }

    /** Writes {@code value} as a zero-padded field of {@code size} bytes. */
    static void writeString(ByteBuf out, String value, int size) {
        int start = out.writerIndex();
        int written = out.writeCharSequence(value, StandardCharsets.UTF_8);
        if (written > size) {
            out.writerIndex(start);
            throw new IllegalArgumentException("a string of " + written + " bytes does not fit a " + size + "-byte field");
        }
        out.writeZero(size - written);
    }

    /** Writes user and password as two {@code str64} fields. */
    static void writeCredentials(ByteBuf out, FoscCredentials credentials) {
        writeString(out, credentials.user(), 64);
        writeString(out, credentials.password(), 64);
    }

    /** Reads user and password from two {@code str64} fields at {@code index}. */
    static FoscCredentials getCredentials(ByteBuf p, int index) {
        return FoscCredentials.of(getString(p, index, 64), getString(p, index + 64, 64));
    }

    static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    static FoscMalformedPayloadException tooShort(FoscCommand command, int length, int needed) {
        return new FoscMalformedPayloadException(command + " payload is " + length + " bytes; at least " + needed
                + " expected");
    }

    static void requireAtLeast(FoscCommand command, ByteBuf payload, int needed) {
        if (payload.readableBytes() < needed) {
            throw tooShort(command, payload.readableBytes(), needed);
        }
    }
}

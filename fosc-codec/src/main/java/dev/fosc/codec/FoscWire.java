package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Field-level helpers shared by the message classes: little-endian ints and zero-padded strings. */
final class FoscWire {

    /** The magic at offset 4 of every frame, "FOSC", read as a big-endian int. */
    static final int MAGIC = 0x464F5343;
    /** Frame header: command, magic, payload length. */
    static final int HEADER_LENGTH = 12;

    private FoscWire() {
    }

    /** What a byte sequence that is not UTF-8 decodes to: one ASCII byte, so a decoded field never grows. */
    static final char UNDECODABLE = '?';

    /**
     * Reads a zero-padded string field of {@code size} bytes at {@code index} (no index change). Never fails on
     * the field's bytes: a sequence that is not UTF-8 (a GBK name, say) becomes {@value #UNDECODABLE}, one per
     * malformed sequence, and a multi-byte character cut by the end of a full field (no terminating NUL) is
     * dropped. The result therefore encodes to at most {@code size} UTF-8 bytes and holds no NUL: it passes
     * every size check of the value types, so a message that was decoded can be encoded again.
     */
    static String getString(ByteBuf buf, int index, int size) {
        int end = index;
        int limit = index + size;
        boolean ascii = true;
        while (end < limit) {
            byte b = buf.getByte(end);
            if (b == 0) {
                break;
            }
            ascii &= b > 0;
            end++;
        }
        if (ascii) {
            return buf.toString(index, end - index, StandardCharsets.US_ASCII);
        }
        return decodeLeniently(buf.nioBuffer(index, end - index), end == limit);
    }

    private static String decodeLeniently(ByteBuffer in, boolean fieldFull) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(in.remaining()); // UTF-8 never gives more chars than bytes
        while (true) {
            CoderResult r = decoder.decode(in, out, false);
            if (r.isError()) {
                out.put(UNDECODABLE);
                in.position(in.position() + r.length());
            } else { // underflow: what is left is the start of a multi-byte sequence
                if (in.hasRemaining() && !fieldFull) {
                    out.put(UNDECODABLE); // not cut by the field's end: garbage, shown as such
                }
                break;
            }
        }
        return out.flip().toString();
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
        requireAtLeast(command, payload.readableBytes(), needed);
    }

    static void requireAtLeast(FoscCommand command, int length, int needed) {
        if (length < needed) {
            throw tooShort(command, length, needed);
        }
    }

    /**
     * A retained slice of {@code length} bytes at {@code index} of {@code buffer}. When {@code buffer} is a
     * composite (a frame that arrived in several reads) and the range lies in one of its components, the slice is
     * taken of that component: the payload is then a plain buffer, as fast to read as one that arrived whole.
     */
    static ByteBuf retainedSlice(ByteBuf buffer, int index, int length) {
        if (buffer instanceof CompositeByteBuf && length > 0) {
            CompositeByteBuf composite = (CompositeByteBuf) buffer;
            int component = composite.toComponentIndex(index);
            int offset = index - composite.toByteIndex(component);
            ByteBuf part = composite.internalComponent(component);
            if (offset + length <= part.readableBytes()) {
                return part.retainedSlice(part.readerIndex() + offset, length);
            }
        }
        return buffer.retainedSlice(index, length);
    }
}

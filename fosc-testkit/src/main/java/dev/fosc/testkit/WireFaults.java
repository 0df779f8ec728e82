package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** The raw bytes of the wire-level faults. Stateless. */
final class WireFaults {

    /** The magic a {@link FakeFault.Kind#BAD_MAGIC} frame carries instead of "FOSC": "BAD!". */
    static final int BAD_MAGIC = 0x42414421;

    private WireFaults() {
    }

    /** A VIDEO_DATA header with a bad magic and a 4-byte payload; the caller owns the buffer. */
    static ByteBuf badMagicHeader(ByteBufAllocator alloc) {
        ByteBuf b = alloc.buffer(FoscFrames.HEADER_LENGTH + 4);
        b.writeIntLE((int) FoscCommand.VIDEO_DATA.id());
        b.writeInt(BAD_MAGIC);
        b.writeIntLE(4);
        b.writeZero(4);
        return b;
    }

    /** A VIDEO_DATA header declaring {@code length} payload bytes (none follow); the caller owns the buffer. */
    static ByteBuf oversizedHeader(ByteBufAllocator alloc, long length) {
        ByteBuf b = alloc.buffer(FoscFrames.HEADER_LENGTH);
        FoscFrames.writeHeader(b, FoscCommand.VIDEO_DATA, (int) length);
        return b;
    }
}

package dev.fosc.benchmarks.fleet;

import dev.fosc.testkit.EpochMicros;
import io.netty.buffer.ByteBuf;

import java.io.IOException;

/**
 * The raw baselines' per-connection parser: walks the 12-byte frame headers of whatever was read, without copying
 * or decoding anything (a split header or timestamp is gathered byte by byte), counts VIDEO_DATA frames and their
 * delivery delay when a frame's last byte arrived, and marks the connection ready at its first VIDEO_DATA (video)
 * or LOGIN_REPLY (idle). Confined to one loop.
 */
final class FrameWalker {

    private final LoadStats load;
    private final LoopStats stats;
    private final boolean video;
    private final boolean epoch;
    private boolean ready;

    private final byte[] header = new byte[RawHello.HEADER];
    private int headerFill;
    private boolean inPayload;
    private int command;
    private long length;
    private long remaining;
    private long timestamp;
    private int timestampFill;

    FrameWalker(LoadStats load, LoopStats stats, boolean video, boolean epoch) {
        this.load = load;
        this.stats = stats;
        this.video = video;
        this.epoch = epoch;
    }

    /** Walks every readable byte of {@code in} (its reader index moves to the end). */
    void walk(ByteBuf in) throws IOException {
        while (in.isReadable()) {
            if (!inPayload) {
                if (!readHeader(in)) {
                    return;
                }
                continue;
            }
            if (command == RawHello.VIDEO_DATA && timestampFill < 8) {
                if (timestampFill == 0 && remaining >= 8 && in.readableBytes() >= 8) {
                    timestamp = in.getLongLE(in.readerIndex());
                    timestampFill = 8; // skipped below with the rest
                } else {
                    while (timestampFill < 8 && remaining > 0 && in.isReadable()) {
                        timestamp |= (long) in.readUnsignedByte() << (8 * timestampFill++);
                        remaining--;
                    }
                }
            }
            int n = (int) Math.min(remaining, in.readableBytes());
            in.skipBytes(n);
            remaining -= n;
            if (remaining == 0) {
                frameDone();
            }
        }
    }

    /** Reads a header (whole, or gathering a split one); false if more bytes are needed. */
    private boolean readHeader(ByteBuf in) throws IOException {
        int magic;
        if (headerFill == 0 && in.readableBytes() >= RawHello.HEADER) {
            int r = in.readerIndex();
            command = in.getIntLE(r);
            magic = in.getInt(r + 4);
            length = in.getUnsignedIntLE(r + 8);
            in.skipBytes(RawHello.HEADER);
        } else {
            int n = Math.min(RawHello.HEADER - headerFill, in.readableBytes());
            in.readBytes(header, headerFill, n);
            headerFill += n;
            if (headerFill < RawHello.HEADER) {
                return false;
            }
            headerFill = 0;
            command = le32(0);
            magic = (header[4] & 0xff) << 24 | (header[5] & 0xff) << 16 | (header[6] & 0xff) << 8 | header[7] & 0xff;
            length = le32(8) & 0xffffffffL;
        }
        if (magic != RawHello.MAGIC_BIG_ENDIAN) {
            throw new IOException(String.format("bad magic 0x%08x", magic));
        }
        remaining = length;
        timestamp = 0;
        timestampFill = 0;
        inPayload = true;
        if (remaining == 0) {
            frameDone();
        }
        return true;
    }

    private int le32(int at) {
        return header[at] & 0xff | (header[at + 1] & 0xff) << 8 | (header[at + 2] & 0xff) << 16
                | (header[at + 3] & 0xff) << 24;
    }

    private void frameDone() {
        inPayload = false;
        if (command == RawHello.VIDEO_DATA) {
            if (!ready && video) {
                ready = true;
                load.ready();
            }
            stats.frame(RawHello.HEADER + length,
                    epoch && timestampFill == 8 ? EpochMicros.now() - timestamp : Long.MIN_VALUE);
        } else if (command == RawHello.LOGIN_REPLY && !ready && !video) {
            ready = true;
            load.ready();
        }
    }
}

package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

import java.util.Arrays;

/**
 * The frame splitting shared by {@link FoscFrameDecoder} and {@link FoscStreamDecoder}: finds the frames in the
 * received buffers without cumulating them. A frame wholly inside one received buffer is handed to the sink in
 * place (no slice, no copy). A frame that spans reads is kept as retained slices of the buffers it arrived in and
 * handed on as a {@link CompositeByteBuf} of them, so its payload is not copied; only a piece of at most
 * {@value #COPY_LIMIT} bytes at the end of a larger buffer is copied into one of its own, so that it does not pin
 * that buffer. Memory held for a frame in flight is its own bytes plus the unfilled rest of the buffers they lie
 * in (bounded by the maximum payload and the receive buffer size).
 *
 * <p>Rules (unchanged from the cumulating decoder it replaces): the magic is checked once 8 bytes of a header are
 * in, and a bad magic ends interpretation of the stream ({@link CorruptedFrameException} through
 * {@code exceptionCaught}; later bytes are discarded); a declared payload above the maximum fires a
 * {@link TooLongFrameException} as soon as the header is read and the body is skipped as it arrives; with
 * {@code skipLeadingLineBreaks}, CR and LF bytes before the first frame are skipped unless the magic follows four
 * bytes on.
 *
 * <p>One instance per channel, used on its event loop only.
 */
final class FoscFrameSplitter {

    /** Receives each frame. */
    interface Sink {
        /**
         * One whole frame: its header at {@code index} of {@code buffer}, its payload behind it. The buffer is
         * lent for the call: retain what is kept.
         */
        void frame(ChannelHandlerContext ctx, ByteBuf buffer, int index, long command, int payloadLength);
    }

    private static final int NO_LENGTH = -1;
    private static final int INITIAL_PARTS = 4;
    /**
     * Pieces of a frame up to this size that end a larger receive buffer are copied rather than sliced (see
     * {@link #keep}): at most this many bytes are copied twice per read.
     */
    static final int COPY_LIMIT = 1024;

    private final int maxPayloadLength;
    private final Sink sink;
    private boolean skipLineBreaks;
    private boolean corrupted;
    private long bytesToDiscard;
    private long streamOffset;
    /** The reader index of the buffer being split when the current step began (offsets within a step). */
    private int stepStart;
    /** The stream offset of the first byte of the frame in flight. */
    private long frameStart;

    // the frame in flight when it spans reads
    private final byte[] header = new byte[FoscWire.HEADER_LENGTH];
    private long frameLength = NO_LENGTH;
    private int frameFill;
    private ByteBuf[] parts = new ByteBuf[INITIAL_PARTS];
    private int partCount;
    private boolean framesThisRead;

    FoscFrameSplitter(int maxPayloadLength, boolean skipLeadingLineBreaks, Sink sink) {
        if (maxPayloadLength < 0 || maxPayloadLength > Integer.MAX_VALUE - FoscWire.HEADER_LENGTH) {
            throw new IllegalArgumentException("maxPayloadLength out of range: " + maxPayloadLength);
        }
        this.maxPayloadLength = maxPayloadLength;
        this.skipLineBreaks = skipLeadingLineBreaks;
        this.sink = sink;
    }

    int maxPayloadLength() {
        return maxPayloadLength;
    }

    long streamOffset() {
        return streamOffset;
    }

    /**
     * The bytes the frame in flight still needs, or 0 between frames or when the next header is not known yet:
     * a receive-buffer size that would end the next read at the frame's end.
     */
    long bytesToCompleteFrame() {
        return frameLength == NO_LENGTH || corrupted ? 0 : frameLength - frameFill;
    }

    /** Bytes held for a frame that spans reads (its slices' readable bytes). */
    int bufferedBytes() {
        return frameFill;
    }

    /** The decoders' {@code channelRead}: splits a received buffer and releases it; passes anything else on. */
    void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        try {
            split(ctx, in);
        } finally {
            in.release();
        }
    }

    /**
     * The decoders' {@code channelReadComplete}: as Netty's {@code ByteToMessageDecoder}, asks for another read
     * when this one produced no frame and the channel does not read on its own.
     */
    void channelReadComplete(ChannelHandlerContext ctx) {
        boolean emitted = framesThisRead;
        framesThisRead = false;
        if (!emitted && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    /**
     * Splits {@code in} (not released here) into frames; stops early if {@code ctx} was removed by a frame's
     * consumer.
     */
    void split(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable() && !ctx.isRemoved()) {
            int before = in.readerIndex();
            stepStart = before;
            if (corrupted) {
                in.skipBytes(in.readableBytes());
            } else if (bytesToDiscard > 0) {
                int skip = (int) Math.min(bytesToDiscard, in.readableBytes());
                in.skipBytes(skip);
                bytesToDiscard -= skip;
            } else if (partCount == 0 && !skipLineBreaks && in.readableBytes() >= FoscWire.HEADER_LENGTH) {
                inPlace(ctx, in);
            } else {
                gather(ctx, in);
            }
            streamOffset += in.readerIndex() - before;
        }
    }

    /** A header wholly in {@code in}: the frame is handed on in place if all of it is there too. */
    private void inPlace(ChannelHandlerContext ctx, ByteBuf in) {
        int index = in.readerIndex();
        int magic = in.getInt(index + 4);
        if (magic != FoscWire.MAGIC) {
            corrupt(ctx, in, magic);
            return;
        }
        long declared = in.getUnsignedIntLE(index + 8);
        if (declared > maxPayloadLength) {
            tooLong(ctx, in, declared);
            return;
        }
        long length = FoscWire.HEADER_LENGTH + declared;
        if (in.readableBytes() >= length) {
            in.readerIndex(index + (int) length);
            framesThisRead = true;
            sink.frame(ctx, in, index, in.getUnsignedIntLE(index), (int) declared);
            return;
        }
        // the frame spans reads: keep what is here, its header known
        in.getBytes(index, header);
        frameLength = length;
        keep(ctx, in, in.readableBytes());
    }

    /** Adds the bytes of {@code in} that belong to the frame in flight. */
    private void gather(ChannelHandlerContext ctx, ByteBuf in) {
        if (frameLength == NO_LENGTH) {
            int take = Math.min(FoscWire.HEADER_LENGTH - frameFill, in.readableBytes());
            in.getBytes(in.readerIndex(), header, frameFill, take);
            keep(ctx, in, take);
            if (skipLineBreaks && !skipLineBreak()) {
                return; // fewer than 8 bytes to decide on
            }
            if (frameFill < 8) {
                return;
            }
            int magic = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            if (magic != FoscWire.MAGIC) {
                long frameOffset = frameStart;
                releaseParts();
                corrupted = true;
                in.skipBytes(in.readableBytes());
                ctx.fireExceptionCaught(badMagic(magic, frameOffset));
                return;
            }
            if (frameFill < FoscWire.HEADER_LENGTH) {
                return;
            }
            long declared = (header[8] & 0xffL) | (header[9] & 0xffL) << 8 | (header[10] & 0xffL) << 16
                    | (header[11] & 0xffL) << 24;
            if (declared > maxPayloadLength) {
                long frameOffset = frameStart;
                releaseParts();
                bytesToDiscard = declared;
                ctx.fireExceptionCaught(tooLongException(frameOffset, declared));
                return;
            }
            frameLength = FoscWire.HEADER_LENGTH + declared;
        } else {
            keep(ctx, in, (int) Math.min(frameLength - frameFill, in.readableBytes()));
        }
        if (frameFill == frameLength) {
            emitGathered(ctx);
        }
    }

    /**
     * Drops CR and LF bytes gathered before the first frame, unless the magic follows four bytes on. Returns
     * false while fewer than 8 bytes are there to decide on.
     */
    private boolean skipLineBreak() {
        while (frameFill > 0 && (header[0] == '\r' || header[0] == '\n')) {
            if (frameFill < 8) {
                return false;
            }
            if (header[4] == 'F' && header[5] == 'O' && header[6] == 'S' && header[7] == 'C') {
                break;
            }
            System.arraycopy(header, 1, header, 0, frameFill - 1);
            frameFill--;
            frameStart++;
            parts[0].skipBytes(1);
            if (!parts[0].isReadable()) {
                parts[0].release();
                System.arraycopy(parts, 1, parts, 0, --partCount);
                parts[partCount] = null;
            }
        }
        if (frameFill > 0) {
            skipLineBreaks = false;
        }
        return frameFill > 0;
    }

    /**
     * Keeps {@code length} bytes of {@code in} for the frame in flight: a retained slice, or, for a short piece of
     * a larger buffer (the head of the next frame at the end of a read, say), a copy in a buffer of its own, so
     * that a few bytes never pin a whole receive buffer (and the allocator chunk it was cut from) while the rest
     * of their frame is on its way.
     */
    private void keep(ChannelHandlerContext ctx, ByteBuf in, int length) {
        if (frameFill == 0) {
            frameStart = streamOffset + (in.readerIndex() - stepStart);
        }
        if (partCount == parts.length) {
            parts = Arrays.copyOf(parts, partCount * 2);
        }
        ByteBuf part;
        if (length <= COPY_LIMIT && in.capacity() > 2 * COPY_LIMIT) {
            part = ctx.alloc().directBuffer(length, length).writeBytes(in, length);
        } else {
            part = in.readRetainedSlice(length);
        }
        parts[partCount++] = part;
        frameFill += length;
    }

    private void emitGathered(ChannelHandlerContext ctx) {
        long command = (header[0] & 0xffL) | (header[1] & 0xffL) << 8 | (header[2] & 0xffL) << 16
                | (header[3] & 0xffL) << 24;
        int payloadLength = (int) (frameLength - FoscWire.HEADER_LENGTH);
        ByteBuf frame;
        if (partCount == 1) {
            frame = parts[0];
        } else {
            CompositeByteBuf composite = ctx.alloc().compositeDirectBuffer(partCount);
            composite.addComponents(true, Arrays.asList(parts).subList(0, partCount));
            frame = composite;
        }
        Arrays.fill(parts, 0, partCount, null);
        partCount = 0;
        frameFill = 0;
        frameLength = NO_LENGTH;
        framesThisRead = true;
        try {
            sink.frame(ctx, frame, frame.readerIndex(), command, payloadLength);
        } finally {
            frame.release();
        }
    }

    private void corrupt(ChannelHandlerContext ctx, ByteBuf in, int magic) {
        long frameOffset = streamOffset; // updated after each step: the frame starts here
        corrupted = true;
        in.skipBytes(in.readableBytes());
        ctx.fireExceptionCaught(badMagic(magic, frameOffset));
    }

    private void tooLong(ChannelHandlerContext ctx, ByteBuf in, long declared) {
        long frameOffset = streamOffset;
        bytesToDiscard = FoscWire.HEADER_LENGTH + declared;
        int skip = (int) Math.min(bytesToDiscard, in.readableBytes());
        in.skipBytes(skip);
        bytesToDiscard -= skip;
        // Fired rather than thrown: the frames that already arrived behind the skipped body are still decoded.
        ctx.fireExceptionCaught(tooLongException(frameOffset, declared));
    }

    private static CorruptedFrameException badMagic(int magic, long frameOffset) {
        return new CorruptedFrameException(String.format(
                "bad magic 0x%08x (expected \"FOSC\") in the frame header at stream offset %d", magic, frameOffset));
    }

    private TooLongFrameException tooLongException(long frameOffset, long declared) {
        return new TooLongFrameException("frame at stream offset " + frameOffset + " declares a payload of "
                + declared + " bytes; the maximum is " + maxPayloadLength);
    }

    /** Releases a partly received frame (the channel closed, or the handler was removed). */
    void releaseParts() {
        for (int i = 0; i < partCount; i++) {
            parts[i].release();
            parts[i] = null;
        }
        partCount = 0;
        frameFill = 0;
        frameLength = NO_LENGTH;
    }
}

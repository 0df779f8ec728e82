package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

import java.util.Arrays;

/**
 * The frame splitting shared by {@link FoscFrameDecoder} and {@link FoscStreamDecoder}: finds the frames in the
 * received buffers without cumulating them. A frame wholly inside one received buffer is handed to the sink in
 * place (no slice, no copy). Of a frame that spans reads, the first {@value #HEAD} bytes (frame header and media
 * header) are copied into a small array and the rest is kept as retained slices of the buffers it arrived in,
 * handed on as the buffer it lies in or a {@link CompositeByteBuf} of them: the payload is not copied, except a
 * piece of at most {@value #COPY_LIMIT} bytes at the end of a larger buffer, which is copied into one of its own so
 * that it does not pin that buffer, and a frame still in flight when a read burst ends (see {@link #endOfRead()}).
 * Memory held for a frame in flight is its own bytes plus the unfilled rest of the buffers they lie in (bounded by
 * the maximum payload and the receive buffer size).
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
         * One whole frame that arrived in one read: its header at {@code index} of {@code buffer}, its payload
         * behind it. The buffer is lent for the call: retain what is kept.
         */
        void frame(ChannelHandlerContext ctx, ByteBuf buffer, int index, long command, int payloadLength);

        /**
         * One whole frame that arrived over several reads: its first {@value #HEAD} bytes (or all of it if shorter)
         * in {@code head}, a buffer reused for every frame (copy what is kept), the rest in {@code rest} (lent:
         * retain what is kept), or {@code null} if there is no rest.
         */
        void splitFrame(ChannelHandlerContext ctx, ByteBuf head, ByteBuf rest, long command, int payloadLength);
    }

    /** The bytes of a frame gathered by copy when it spans reads: its header and, for media, the media header. */
    static final int HEAD = FoscWire.HEADER_LENGTH + FoscMediaHeader.LENGTH;
    private static final int NO_LENGTH = -1;
    private static final int INITIAL_PARTS = 4;
    /**
     * Pieces of a frame up to this size that end a larger receive buffer are copied rather than sliced (see
     * {@link #keep}): at most this many bytes are copied twice per read.
     */
    static final int COPY_LIMIT = 1024;
    /**
     * Where bytes that outlive a read are moved: plain heap and native memory, not the channel's pooling allocator,
     * whose chunks a long-lived buffer would pin.
     */
    private static final ByteBufAllocator UNPINNED = UnpooledByteBufAllocator.DEFAULT;
    /**
     * Where a frame still in flight at the end of a read burst is moved (see {@link #endOfRead()}): Netty's
     * buddy-allocating pool, in which a long-lived buffer holds only its own pages (not a chunk shared with the
     * short-lived receive buffers) and freed pages are reused without being zeroed again.
     */
    private static final ByteBufAllocator MOVED = PooledByteBufAllocator.DEFAULT;

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
    // created with the first frame that spans reads (an idle session never has one)
    private byte[] head;
    private ByteBuf headBuffer;
    private long frameLength = NO_LENGTH;
    /** Bytes of the frame in flight received: the first {@link #HEAD} in {@link #head}, the rest in parts. */
    private int frameFill;
    private ByteBuf[] parts;
    private int partCount;
    private boolean framesThisRead;
    /** Whether parts[0] is the frame's own buffer (see {@link #endOfRead()}). */
    private boolean moved;

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

    /** The whole length (header and payload) of the frame in flight, or 0 between frames or before its header. */
    long frameInFlightLength() {
        return frameLength == NO_LENGTH || corrupted ? 0 : frameLength;
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
     * The decoders' {@code channelReadComplete}: moves a frame in flight out of the receive buffers (see
     * {@link #endOfRead()}) and, as Netty's {@code ByteToMessageDecoder}, asks for another read when this one
     * produced no frame and the channel does not read on its own.
     */
    void channelReadComplete(ChannelHandlerContext ctx) {
        boolean emitted = framesThisRead;
        framesThisRead = false;
        endOfRead();
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
            } else if (frameFill == 0 && !skipLineBreaks && in.readableBytes() >= FoscWire.HEADER_LENGTH) {
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
        // the frame spans reads: its head is copied, the rest kept
        frameLength = length;
        copyHead(in, (int) Math.min(HEAD, in.readableBytes()));
        if (in.isReadable()) {
            keep(ctx, in, in.readableBytes());
        }
    }

    private void copyHead(ByteBuf in, int length) {
        if (head == null) {
            head = new byte[HEAD];
            headBuffer = Unpooled.wrappedBuffer(head);
        }
        if (frameFill == 0) {
            frameStart = streamOffset + (in.readerIndex() - stepStart);
        }
        in.readBytes(head, frameFill, length);
        frameFill += length;
    }

    /** Adds the bytes of {@code in} that belong to the frame in flight. */
    private void gather(ChannelHandlerContext ctx, ByteBuf in) {
        if (frameLength == NO_LENGTH) {
            copyHead(in, Math.min(FoscWire.HEADER_LENGTH - frameFill, in.readableBytes()));
            if (skipLineBreaks && !skipLineBreak()) {
                return; // fewer than 8 bytes to decide on
            }
            if (frameFill < 8) {
                return;
            }
            int magic = ((head[4] & 0xff) << 24) | ((head[5] & 0xff) << 16) | ((head[6] & 0xff) << 8)
                    | (head[7] & 0xff);
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
            long declared = (head[8] & 0xffL) | (head[9] & 0xffL) << 8 | (head[10] & 0xffL) << 16
                    | (head[11] & 0xffL) << 24;
            if (declared > maxPayloadLength) {
                long frameOffset = frameStart;
                releaseParts();
                bytesToDiscard = declared;
                ctx.fireExceptionCaught(tooLongException(frameOffset, declared));
                return;
            }
            frameLength = FoscWire.HEADER_LENGTH + declared;
        } else if (frameFill < HEAD) {
            copyHead(in, (int) Math.min(Math.min(HEAD, frameLength) - frameFill, in.readableBytes()));
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
        while (frameFill > 0 && (head[0] == '\r' || head[0] == '\n')) {
            if (frameFill < 8) {
                return false;
            }
            if (head[4] == 'F' && head[5] == 'O' && head[6] == 'S' && head[7] == 'C') {
                break;
            }
            System.arraycopy(head, 1, head, 0, frameFill - 1);
            frameFill--;
            frameStart++;
        }
        if (frameFill > 0) {
            skipLineBreaks = false;
        }
        return frameFill > 0;
    }

    /**
     * Keeps {@code length} bytes of {@code in} (behind the frame's head) for the frame in flight: a retained slice,
     * or, for a short piece of a larger buffer, a copy in a buffer of its own, so that a few bytes never pin a whole
     * receive buffer (and the allocator chunk it was cut from) while the rest of their frame is on its way.
     */
    private void keep(ChannelHandlerContext ctx, ByteBuf in, int length) {
        if (parts == null) {
            parts = new ByteBuf[INITIAL_PARTS];
        } else if (partCount == parts.length) {
            parts = Arrays.copyOf(parts, partCount * 2);
        }
        ByteBuf part;
        if (length <= COPY_LIMIT && in.capacity() > 2 * COPY_LIMIT) {
            part = UNPINNED.heapBuffer(length, length).writeBytes(in, length);
        } else {
            part = in.readRetainedSlice(length);
        }
        parts[partCount++] = part;
        frameFill += length;
    }

    private void emitGathered(ChannelHandlerContext ctx) {
        long command = (head[0] & 0xffL) | (head[1] & 0xffL) << 8 | (head[2] & 0xffL) << 16
                | (head[3] & 0xffL) << 24;
        int payloadLength = (int) (frameLength - FoscWire.HEADER_LENGTH);
        ByteBuf rest;
        if (partCount == 0) {
            rest = null;
        } else if (partCount == 1) {
            rest = parts[0];
        } else {
            CompositeByteBuf composite = ctx.alloc().compositeDirectBuffer(partCount);
            for (int i = 0; i < partCount; i++) { // one by one: no list view and iterator per frame
                composite.addComponent(true, parts[i]);
            }
            rest = composite;
        }
        headBuffer.setIndex(0, (int) Math.min(HEAD, frameLength));
        if (parts != null) {
            Arrays.fill(parts, 0, partCount, null);
        }
        partCount = 0;
        moved = false;
        frameFill = 0;
        frameLength = NO_LENGTH;
        framesThisRead = true;
        try {
            sink.splitFrame(ctx, headBuffer, rest, command, payloadLength);
        } finally {
            if (rest != null) {
                rest.release();
            }
        }
    }

    /**
     * A frame that arrived over several reads as one buffer: a copy of its head followed by its rest (retained),
     * as a composite (nothing of the rest copied). The caller owns the result.
     */
    static ByteBuf joined(ChannelHandlerContext ctx, ByteBuf head, ByteBuf rest) {
        ByteBuf headCopy = UNPINNED.heapBuffer(head.readableBytes()).writeBytes(head, head.readerIndex(),
                head.readableBytes());
        if (rest == null) {
            return headCopy;
        }
        return ctx.alloc().compositeBuffer(2).addComponents(true, headCopy, rest.retain());
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

    /**
     * The end of a read burst on this channel: a frame still in flight is moved out of the receive buffers it lies
     * in, into one buffer of its own the size of the whole frame (appending to it if it was moved before, so each
     * byte is moved at most once). A receive buffer holding part of a frame would otherwise stay pinned until the
     * channel's next turn, and with it the whole allocator chunk it was cut from: with many cameras on a loop,
     * nearly every chunk, so the allocator keeps taking fresh (zero-filled) memory. Reads sized to end at frame
     * ends (the client's receive buffers) leave nothing to move while a camera sends faster than it is read.
     */
    void endOfRead() {
        if (partCount == 0 || (partCount == 1 && moved)) {
            return;
        }
        ByteBuf target;
        int first;
        if (moved) {
            target = parts[0];
            first = 1;
        } else {
            int restLength = (int) frameLength - HEAD;
            target = MOVED.directBuffer(restLength, restLength);
            first = 0;
        }
        for (int i = first; i < partCount; i++) {
            target.writeBytes(parts[i]);
            parts[i].release();
            parts[i] = null;
        }
        parts[0] = target;
        partCount = 1;
        moved = true;
    }

    /** Releases a partly received frame (the channel closed, or the handler was removed). */
    void releaseParts() {
        for (int i = 0; i < partCount; i++) {
            parts[i].release();
            parts[i] = null;
        }
        partCount = 0;
        moved = false;
        frameFill = 0;
        frameLength = NO_LENGTH;
    }
}

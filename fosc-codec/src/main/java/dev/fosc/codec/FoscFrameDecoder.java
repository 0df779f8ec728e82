package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Splits the byte stream into whole FOSC frames (12-byte little-endian header, length at offset 8) and passes
 * each on as a {@link ByteBuf} holding header and payload, without copying: a retained slice of the received
 * buffer when the frame arrived in one read, else a {@link CompositeByteBuf} of retained slices of the buffers it
 * arrived in (its first 48 bytes copied). Nothing is cumulated: a frame that spans reads holds its own bytes (and
 * pins the buffers they are in until it is released); a piece of at most 1 KiB at the end of a larger buffer is
 * copied into a buffer of its own rather than pin that buffer while the rest of its frame is on its way, and so is
 * a frame still incomplete when a read burst ends ({@code channelReadComplete}). {@link FoscStreamDecoder} does the same and decodes the frames into messages in the same
 * step (it extends this class); this decoder is for pipelines that want the frames themselves (with
 * {@link FoscCodec} behind it).
 *
 * <ul>
 *   <li>The magic at offset 4 is checked as soon as the first 8 bytes of a header are readable. A bad magic
 *       fires a {@link CorruptedFrameException} (through {@code exceptionCaught}) naming the stream offset, and the
 *       stream is not interpreted any further: every later byte is discarded. (Resynchronising on the next "FOSC"
 *       would risk reading media bytes as commands; the session layer reconnects instead.)</li>
 *   <li>A declared payload length above the maximum fires a {@link TooLongFrameException} naming the offset and
 *       length as soon as the header is read, before any of the body is kept; the body is then skipped as it
 *       arrives and decoding goes on after it, in the same read.</li>
 *   <li>With {@code skipLeadingLineBreaks} (the camera side, after the preamble) CR and LF bytes before the
 *       first frame are skipped: some clients end the preamble with an extra CRLF. A CR or LF followed, four
 *       bytes on, by the magic is the start of a frame (command 10 or 13, say) and is kept.</li>
 *   <li>A frame cut short by the end of the connection is released, not passed on.</li>
 * </ul>
 *
 * <p>One instance per channel (it is stateful), used on that channel's event loop only.
 */
public class FoscFrameDecoder extends ChannelInboundHandlerAdapter {

    /** The default largest payload accepted: 4 MiB (1080p key frames reach hundreds of KB). */
    public static final int DEFAULT_MAX_PAYLOAD_LENGTH = 4 * 1024 * 1024;
    /**
     * The frame header's length: u32 command, u32 magic "FOSC", u32 payload length (docs/protocol.md §1); the
     * payload of a frame at {@code index} starts at {@code index + HEADER_LENGTH}.
     */
    public static final int HEADER_LENGTH = FoscWire.HEADER_LENGTH;

    private final FoscFrameSplitter splitter;

    /** A decoder with {@link #DEFAULT_MAX_PAYLOAD_LENGTH}. */
    public FoscFrameDecoder() {
        this(DEFAULT_MAX_PAYLOAD_LENGTH, false);
    }

    /**
     * @param maxPayloadLength the largest payload accepted, 0..{@code Integer.MAX_VALUE - 12}
     * @param skipLeadingLineBreaks skip CR and LF bytes before the first frame
     */
    public FoscFrameDecoder(int maxPayloadLength, boolean skipLeadingLineBreaks) {
        this.splitter = new FoscFrameSplitter(maxPayloadLength, skipLeadingLineBreaks, new FoscFrameSplitter.Sink() {
            @Override
            public void frame(ChannelHandlerContext ctx, ByteBuf buffer, int index, long command,
                              int payloadLength) {
                frameReceived(ctx, buffer, index, command, payloadLength);
            }

            @Override
            public void splitFrame(ChannelHandlerContext ctx, ByteBuf head, ByteBuf rest, long command,
                                   int payloadLength) {
                splitFrameReceived(ctx, head, rest, command, payloadLength);
            }
        });
    }

    /**
     * Passes on one whole frame. This decoder fires a retained slice of it (header and payload); a subclass may
     * decode it instead ({@link FoscStreamDecoder}). {@code buffer} is lent for the call: retain what is kept.
     *
     * @param ctx the decoder's context
     * @param buffer a buffer holding the frame
     * @param index where the frame's header starts in {@code buffer}
     * @param command the frame's command id (unsigned 32 bits)
     * @param payloadLength the payload bytes behind the header
     */
    protected void frameReceived(ChannelHandlerContext ctx, ByteBuf buffer, int index, long command,
                                 int payloadLength) {
        ctx.fireChannelRead(buffer.retainedSlice(index, FoscWire.HEADER_LENGTH + payloadLength));
    }

    /**
     * Passes on one whole frame that arrived over several reads. This decoder fires it as one buffer: a copy of
     * {@code head} followed by {@code rest} (retained), as a composite. A subclass may decode it instead.
     *
     * @param ctx the decoder's context
     * @param head the frame's first 48 bytes (all of it if shorter): frame header and, for media, media header;
     *             a buffer reused for the next frame, so copy what is kept
     * @param rest the frame's remaining bytes (lent for the call: retain what is kept), or {@code null} if none
     * @param command the frame's command id (unsigned 32 bits)
     * @param payloadLength the payload bytes behind the header
     */
    protected void splitFrameReceived(ChannelHandlerContext ctx, ByteBuf head, ByteBuf rest, long command,
                                      int payloadLength) {
        ctx.fireChannelRead(FoscFrameSplitter.joined(ctx, head, rest));
    }

    /**
     * {@return the bytes the frame being received still needs, 0 between frames}: a receive-buffer size that
     * would end the next read where the frame ends
     */
    public long bytesToCompleteFrame() {
        return splitter.bytesToCompleteFrame();
    }

    /** {@return the largest payload this decoder accepts} */
    public int maxPayloadLength() {
        return splitter.maxPayloadLength();
    }

    /** {@return bytes of the stream consumed so far (frames, skipped bytes), for error reports} */
    public long streamOffset() {
        return splitter.streamOffset();
    }

    /**
     * {@return the whole length (12-byte header and payload) of the frame being received, 0 between frames or
     * while its header is incomplete}
     */
    public long frameInFlightLength() {
        return splitter.frameInFlightLength();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        splitter.channelRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        splitter.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        splitter.releaseParts();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        splitter.releaseParts();
    }
}

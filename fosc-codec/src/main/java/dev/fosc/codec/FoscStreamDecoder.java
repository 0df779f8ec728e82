package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * Received bytes in, {@link FoscMessage}s out, in one step: splits the stream into frames as
 * {@link FoscFrameDecoder} does (same checks, same errors, nothing cumulated or copied) and decodes each frame
 * where it lies, as {@link FoscMessageDecoder} does. Media and unknown payloads become retained slices of the
 * received buffer (for a frame that arrived in several reads: of the buffer its payload lies in, or of a composite
 * of the buffers when it spans them); control messages are read in place. This is the decoder
 * {@link FoscPipelines} installs, with {@link FoscMessageEncoder} for the other direction: one handler and no
 * intermediate frame buffer per frame.
 *
 * <p>A subclass may hand some frames on in a form of its own by overriding {@link #frameReceived} and calling
 * {@code super} for the others (fosc-client does so for VIDEO_DATA that arrived in one read: its frames borrow the
 * receive buffer for the listener's call instead of retaining a slice of it).
 *
 * <p>One instance per channel (it is stateful), used on that channel's event loop only.
 */
public class FoscStreamDecoder extends FoscFrameDecoder {

    /** A decoder with {@link FoscFrameDecoder#DEFAULT_MAX_PAYLOAD_LENGTH}. */
    public FoscStreamDecoder() {
        this(DEFAULT_MAX_PAYLOAD_LENGTH, false);
    }

    /**
     * @param maxPayloadLength the largest payload accepted, 0..{@code Integer.MAX_VALUE - 12}
     * @param skipLeadingLineBreaks skip CR and LF bytes before the first frame (the camera side)
     */
    public FoscStreamDecoder(int maxPayloadLength, boolean skipLeadingLineBreaks) {
        super(maxPayloadLength, skipLeadingLineBreaks);
    }

    /** Decodes the frame in place and fires the message (a {@link FoscInvalidMessage} if it is malformed). */
    @Override
    protected void frameReceived(ChannelHandlerContext ctx, ByteBuf buffer, int index, long command,
                                 int payloadLength) {
        ctx.fireChannelRead(FoscFrames.decodeAt(buffer, index, command, payloadLength));
    }

    /** Decodes the frame from its head and rest (media data: a slice of the rest, no copy) and fires it. */
    @Override
    protected void splitFrameReceived(ChannelHandlerContext ctx, ByteBuf head, ByteBuf rest, long command,
                                      int payloadLength) {
        ctx.fireChannelRead(FoscFrames.decodeSplit(ctx, head, rest, command, payloadLength));
    }
}

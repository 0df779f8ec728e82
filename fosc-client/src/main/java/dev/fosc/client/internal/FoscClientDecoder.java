package dev.fosc.client.internal;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscFrameDecoder;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscStreamDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * The client's decoder: {@link FoscStreamDecoder}, except that a well-formed VIDEO_DATA becomes a
 * {@link DefaultFoscVideoFrame#borrowed borrowed} frame at once, the frame the listener gets. No codec
 * message, no retained slice and no second header object come between the receive buffer and the application: at
 * thousands of small frames a second per camera that is most of the receive path's cost after the kernel's copy.
 * Everything else (malformed video, audio, control messages) is decoded as by {@link FoscStreamDecoder}, to the
 * same messages.
 *
 * <p>Video frames go straight to a {@link VideoSink} (the channel's {@link FoscConnectionHandler}), not through the
 * pipeline; everything else is fired to the next handler as usual, in the order it arrived. The pipeline hop is an
 * interface call in Netty's shared {@code invokeChannelRead}, which every other handler type in the JVM (an HTTP or
 * RTSP server, MQTT, the benchmark's raw client) makes megamorphic: once it is, nothing behind it is inlined into the
 * decoding loop, and a 600-byte stream lost a fifth of its frames per second. The handlers between the decoder and
 * the connection handler are outbound only, so nothing is skipped.
 *
 * <p>The borrowed frame lives on the receive buffer, which the decoder keeps until the read is handled: the sink must
 * deliver or release it before it returns.
 *
 * <p>One instance per channel, used on its event loop only.
 */
final class FoscClientDecoder extends FoscStreamDecoder {

    private static final long VIDEO_DATA = FoscCommand.VIDEO_DATA.id();
    private static final int HEADERS = FoscFrameDecoder.HEADER_LENGTH + FoscMediaHeader.LENGTH;

    /** Where the decoder hands video frames. */
    interface VideoSink {
        /** Takes ownership of a borrowed frame: delivers or releases it before returning. */
        void videoFrame(DefaultFoscVideoFrame frame);
    }

    private final VideoSink video;

    /**
     * @param maxPayloadLength the largest payload accepted
     * @param video where video frames go (the channel's connection handler)
     */
    FoscClientDecoder(int maxPayloadLength, VideoSink video) {
        super(maxPayloadLength, false);
        this.video = video;
    }

    @Override
    protected void frameReceived(ChannelHandlerContext ctx, ByteBuf buffer, int index, long command,
                                 int payloadLength) {
        if (command == VIDEO_DATA && payloadLength >= FoscMediaHeader.LENGTH) {
            FoscMediaHeader header = FoscMediaHeader.read(buffer, index + FoscFrameDecoder.HEADER_LENGTH);
            int dataLength = payloadLength - FoscMediaHeader.LENGTH;
            if (header.videoLength() == dataLength) {
                video.videoFrame(DefaultFoscVideoFrame.borrowed(header, buffer, index + HEADERS, dataLength));
                return;
            }
        }
        super.frameReceived(ctx, buffer, index, command, payloadLength); // decoded, or invalid, as everywhere
    }

    /**
     * A VIDEO_DATA that spanned reads becomes a borrowed frame too: its header from {@code head}, its data the rest
     * (a buffer of its own, or a composite of the pieces when the data itself spanned reads), which the splitter
     * keeps until this call returns.
     */
    @Override
    protected void splitFrameReceived(ChannelHandlerContext ctx, ByteBuf head, ByteBuf rest, long command,
                                      int payloadLength) {
        if (command == VIDEO_DATA && rest != null && payloadLength > FoscMediaHeader.LENGTH) {
            FoscMediaHeader header = FoscMediaHeader.read(head, head.readerIndex() + FoscFrameDecoder.HEADER_LENGTH);
            int dataLength = payloadLength - FoscMediaHeader.LENGTH;
            if (header.videoLength() == dataLength && rest.readableBytes() == dataLength) {
                video.videoFrame(DefaultFoscVideoFrame.borrowed(header, rest, rest.readerIndex(), dataLength));
                return;
            }
        }
        super.splitFrameReceived(ctx, head, rest, command, payloadLength);
    }
}

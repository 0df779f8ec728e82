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
 * <p>The borrowed frame lives on the receive buffer, which the decoder keeps until the pipeline has handled the read:
 * the next handler ({@link FoscConnectionHandler}) must deliver or release it within the {@code channelRead} call.
 *
 * <p>One instance per channel, used on its event loop only.
 */
final class FoscClientDecoder extends FoscStreamDecoder {

    private static final long VIDEO_DATA = FoscCommand.VIDEO_DATA.id();
    private static final int HEADERS = FoscFrameDecoder.HEADER_LENGTH + FoscMediaHeader.LENGTH;

    FoscClientDecoder(int maxPayloadLength) {
        super(maxPayloadLength, false);
    }

    @Override
    protected void frameReceived(ChannelHandlerContext ctx, ByteBuf buffer, int index, long command,
                                 int payloadLength) {
        if (command == VIDEO_DATA && payloadLength >= FoscMediaHeader.LENGTH) {
            FoscMediaHeader header = FoscMediaHeader.read(buffer, index + FoscFrameDecoder.HEADER_LENGTH);
            int dataLength = payloadLength - FoscMediaHeader.LENGTH;
            if (header.videoLength() == dataLength) {
                ctx.fireChannelRead(DefaultFoscVideoFrame.borrowed(header, buffer, index + HEADERS, dataLength));
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
                ctx.fireChannelRead(DefaultFoscVideoFrame.borrowed(header, rest, rest.readerIndex(), dataLength));
                return;
            }
        }
        super.splitFrameReceived(ctx, head, rest, command, payloadLength);
    }
}

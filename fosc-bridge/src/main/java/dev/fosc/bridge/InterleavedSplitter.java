package dev.fosc.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Separates what arrives on an RTSP connection into {@link InterleavedPacket}s and whole RTSP messages (head and
 * {@code Content-Length} body, passed on as one {@link ByteBuf} to the RTSP decoder after it), which Netty's
 * {@code RtspDecoder} alone cannot: it does not know the {@code $} framing.
 *
 * <p><b>Threading:</b> one per connection, on its event loop.
 */
final class InterleavedSplitter extends ByteToMessageDecoder {

    /** Longest RTSP message head accepted. */
    static final int MAX_HEAD = 16 * 1024;
    private static final String CONTENT_LENGTH = "\ncontent-length:";

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            byte first = in.getByte(in.readerIndex());
            if (first == '\r' || first == '\n') {
                in.skipBytes(1);
                continue;
            }
            if (first == '$') {
                if (in.readableBytes() < 4) {
                    return;
                }
                int channel = in.getUnsignedByte(in.readerIndex() + 1);
                int length = in.getUnsignedShort(in.readerIndex() + 2);
                if (in.readableBytes() < 4 + length) {
                    return;
                }
                in.skipBytes(4);
                out.add(new InterleavedPacket(channel, in.readRetainedSlice(length)));
                continue;
            }
            int headEnd = headEnd(in);
            if (headEnd < 0) {
                if (in.readableBytes() > MAX_HEAD) {
                    throw new TooLongFrameException("an RTSP request head is longer than " + MAX_HEAD + " bytes");
                }
                return;
            }
            int headLength = headEnd - in.readerIndex();
            int total = headLength + contentLength(in.toString(in.readerIndex(), headLength, StandardCharsets.US_ASCII));
            if (in.readableBytes() < total) {
                return;
            }
            out.add(in.readRetainedSlice(total));
        }
    }

    /** The index just past the blank line that ends the head, or -1 when it has not arrived. */
    private static int headEnd(ByteBuf in) {
        int end = Math.min(in.writerIndex(), in.readerIndex() + MAX_HEAD + 4);
        int at = in.forEachByte(in.readerIndex(), end - in.readerIndex(), new ByteProcessor() {
            private int newlines;

            @Override
            public boolean process(byte b) {
                if (b == '\n') {
                    newlines++;
                    return newlines < 2;
                }
                if (b != '\r') {
                    newlines = 0;
                }
                return true;
            }
        });
        return at < 0 ? -1 : at + 1;
    }

    private static int contentLength(String head) {
        String lower = head.toLowerCase(Locale.ROOT);
        int at = lower.indexOf(CONTENT_LENGTH);
        if (at < 0) {
            return 0;
        }
        int end = lower.indexOf('\n', at + CONTENT_LENGTH.length());
        String value = lower.substring(at + CONTENT_LENGTH.length(), end < 0 ? lower.length() : end).trim();
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || n > MAX_HEAD) {
                throw new TooLongFrameException("an RTSP request body of " + n + " bytes is refused (at most "
                        + MAX_HEAD + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CorruptedFrameException("an RTSP request has an unreadable Content-Length: " + value);
        }
    }
}

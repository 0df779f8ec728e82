package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Client side, first inbound handler: some cameras answer the preamble with an HTTP status block
 * ({@code HTTP/1.1 200 OK ... \r\n\r\n}) before the first frame; most send frames straight away. A 200 block
 * is skipped; any other status fails with a {@link FoscPreambleException}; a block longer than
 * {@value #MAX_STATUS_BLOCK} bytes too. As soon as it knows, the handler removes itself and the bytes that
 * follow go on to the frame decoder.
 */
final class FoscPreambleResponseDecoder extends ByteToMessageDecoder {

    /** The longest HTTP status block accepted before the first frame. */
    static final int MAX_STATUS_BLOCK = 8192;
    private static final byte[] HTTP = "HTTP/".getBytes(StandardCharsets.US_ASCII);

    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes()); // the connection is unusable: read nothing more
            return;
        }
        int start = in.readerIndex();
        int prefix = Math.min(HTTP.length, in.readableBytes());
        for (int i = 0; i < prefix; i++) {
            if (in.getByte(start + i) != HTTP[i]) {
                ctx.pipeline().remove(this); // frames straight away
                return;
            }
        }
        if (prefix < HTTP.length) {
            return; // wait: could still be "HTTP/"
        }
        int end = endOfBlock(in);
        if (end < 0) {
            if (in.readableBytes() > MAX_STATUS_BLOCK) {
                in.skipBytes(in.readableBytes());
                failed = true;
                throw new FoscPreambleException("the camera's HTTP answer to the preamble exceeds "
                        + MAX_STATUS_BLOCK + " bytes without ending");
            }
            return;
        }
        int lineEnd = in.indexOf(start, end, (byte) '\r');
        String statusLine = in.toString(start, (lineEnd < 0 ? end : lineEnd) - start, StandardCharsets.US_ASCII);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[1].equals("200")) {
            in.skipBytes(in.readableBytes());
            failed = true;
            throw new FoscPreambleException("the camera answered the preamble with \"" + statusLine
                    + "\"; only 200 is accepted");
        }
        in.readerIndex(end);
        ctx.pipeline().remove(this);
    }

    /** The index just past the first CRLFCRLF, or -1. */
    private static int endOfBlock(ByteBuf in) {
        int[] state = {0};
        int found = in.forEachByte(new ByteProcessor() {
            @Override
            public boolean process(byte value) {
                int s = state[0];
                if (value == '\r') {
                    state[0] = s == 0 || s == 2 ? s + 1 : 1;
                } else if (value == '\n' && (s == 1 || s == 3)) {
                    state[0] = s + 1;
                    return s + 1 != 4;
                } else {
                    state[0] = 0;
                }
                return true;
            }
        });
        return found < 0 ? -1 : found + 1;
    }
}

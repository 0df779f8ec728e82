package dev.fosc.cli.decode;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * First inbound handler of the capture pipeline: detects a {@code SERVERPUSH} request (client direction) or
 * an {@code HTTP/1.x 200} status block (camera direction) at the very start of the stream, skips it together
 * with any CR/LF bytes that follow it, then removes itself: the bytes after it go on to the frame decoder
 * (Netty's {@code ByteToMessageDecoder.handlerRemoved} hands them over). A stream starting with anything else
 * has no preamble and passes through untouched.
 *
 * <p>Another HTTP status than 200, or a block longer than {@value #MAX_PREAMBLE_LENGTH} bytes, fails with a
 * {@link PreambleFailure} naming the offset. One instance per channel, on its event loop.
 */
final class PreambleSkipper extends ByteToMessageDecoder {

    /** The longest preamble accepted (the real ones are under 100 bytes). */
    static final int MAX_PREAMBLE_LENGTH = 8192;

    private static final byte[] SERVERPUSH = "SERVERPUSH ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP = "HTTP/".getBytes(StandardCharsets.US_ASCII);

    private CapturePreamble.Kind kind;
    private long length;
    private boolean skippingLineBreaks;
    private boolean done;
    private boolean failed;

    /** Thrown (through the pipeline) when the preamble is unacceptable. */
    static final class PreambleFailure extends DecoderException {
        private static final long serialVersionUID = 1L;
        final long offset;

        PreambleFailure(String message, long offset) {
            super(message);
            this.offset = offset;
        }
    }

    /** What was found so far; {@code null} kind while still undecided. */
    CapturePreamble.Kind kind() {
        return kind;
    }

    /** Bytes skipped so far. */
    long length() {
        return length;
    }

    /** Whether the preamble (if any) is behind us and this handler has gone. */
    boolean done() {
        return done;
    }

    /** Whether the stream may end here without being cut short: nothing seen, or only trailing CR/LF. */
    boolean atCleanEnd(long bytesSeen) {
        return done || bytesSeen == 0 || skippingLineBreaks;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            return;
        }
        if (failed) {
            in.skipBytes(in.readableBytes()); // the stream is not interpreted after a bad preamble
            return;
        }
        try {
            skipPreamble(ctx, in);
        } catch (PreambleFailure e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void skipPreamble(ChannelHandlerContext ctx, ByteBuf in) {
        if (kind == null) {
            if (startsWith(in, SERVERPUSH)) {
                kind = CapturePreamble.Kind.CLIENT_REQUEST;
            } else if (startsWith(in, HTTP)) {
                kind = CapturePreamble.Kind.CAMERA_STATUS;
            } else if (couldStartWith(in, SERVERPUSH) || couldStartWith(in, HTTP)) {
                return; // too few bytes to tell
            } else {
                kind = CapturePreamble.Kind.NONE;
                finish(ctx);
                return;
            }
        }
        if (!skippingLineBreaks) {
            int end = endOfBlock(in);
            if (end < 0) {
                if (in.readableBytes() > MAX_PREAMBLE_LENGTH) {
                    throw new PreambleFailure("the " + describe(kind) + " at byte offset 0 does not end within "
                            + MAX_PREAMBLE_LENGTH + " bytes", 0);
                }
                return;
            }
            if (kind == CapturePreamble.Kind.CAMERA_STATUS) {
                checkStatus(in, end);
            }
            length += end - in.readerIndex();
            in.readerIndex(end);
            skippingLineBreaks = true;
        }
        while (in.isReadable() && isLineBreak(in.getByte(in.readerIndex()))) {
            in.skipBytes(1);
            length++;
        }
        if (in.isReadable()) {
            finish(ctx);
        }
    }

    private void finish(ChannelHandlerContext ctx) {
        done = true;
        skippingLineBreaks = false;
        ctx.pipeline().remove(this);
    }

    private static void checkStatus(ByteBuf in, int end) {
        int start = in.readerIndex();
        int lineEnd = in.indexOf(start, end, (byte) '\r');
        String statusLine = in.toString(start, lineEnd - start, StandardCharsets.US_ASCII);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[1].equals("200")) {
            throw new PreambleFailure("the camera's preamble answer \"" + printable(statusLine)
                    + "\" at byte offset 0 is not an HTTP 200 status", 0);
        }
    }

    static String describe(CapturePreamble.Kind kind) {
        return kind == CapturePreamble.Kind.CLIENT_REQUEST ? "SERVERPUSH request" : "HTTP status block";
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 80));
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private static boolean isLineBreak(byte b) {
        return b == '\r' || b == '\n';
    }

    private static boolean startsWith(ByteBuf in, byte[] prefix) {
        if (in.readableBytes() < prefix.length) {
            return false;
        }
        return couldStartWith(in, prefix);
    }

    /** Whether the readable bytes agree with {@code prefix} as far as they go. */
    private static boolean couldStartWith(ByteBuf in, byte[] prefix) {
        int n = Math.min(prefix.length, in.readableBytes());
        for (int i = 0; i < n; i++) {
            if (in.getByte(in.readerIndex() + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The index just past the first CRLFCRLF after the reader index, or -1. */
    private static int endOfBlock(ByteBuf in) {
        int from = in.readerIndex();
        int to = in.writerIndex();
        for (int i = from; i + 3 < to; i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
                    && in.getByte(i + 3) == '\n') {
                return i + 4;
            }
        }
        return -1;
    }
}

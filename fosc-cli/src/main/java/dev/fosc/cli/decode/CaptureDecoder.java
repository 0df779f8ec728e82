package dev.fosc.cli.decode;

import dev.fosc.codec.FoscCodec;
import dev.fosc.codec.FoscFrameDecoder;
import dev.fosc.codec.FoscFrames;
import dev.fosc.codec.FoscMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a byte stream captured from one direction of a FOSC session, streaming: bytes go in chunk by chunk
 * and each decoded message goes to a {@link FrameSink} as soon as its frame is complete, so memory stays
 * bounded by the largest frame, whatever the size of the capture.
 *
 * <p>Inside, the codec runs for real in an {@link EmbeddedChannel}: a preamble skipper (a leading
 * {@code SERVERPUSH} request or {@code HTTP/1.x 200} block is detected and skipped), {@link FoscFrameDecoder},
 * a tap that notes each frame's offset, {@link FoscCodec}, then a handler that hands each message to the sink
 * and releases it before the read completes.
 *
 * <p>The first stream-level error (bad magic, oversize frame, bad preamble, a stream that ends inside a frame)
 * ends decoding with a {@link CaptureDecodeException} naming the absolute byte offset; every message decoded
 * before it has been delivered by then. A malformed payload of a known command is not such an error: it is
 * delivered as a {@code FoscInvalidMessage} and decoding goes on.
 *
 * <p><b>Threading:</b> not thread-safe; one stream, one thread. <b>Buffers:</b> {@link #feed(ByteBuf)} takes
 * ownership of the chunk. Messages handed to the sink are borrowed: valid until the sink returns, then
 * released here. {@link #close()} releases whatever is still buffered; always close.
 */
public final class CaptureDecoder implements AutoCloseable {

    /** Bytes read from an {@link InputStream} at a time by {@link #decode(InputStream)}. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private static final Pattern CODEC_OFFSET = Pattern.compile("stream offset (\\d+)");

    /** Receives each decoded message, in stream order. */
    @FunctionalInterface
    public interface FrameSink {
        /**
         * @param message the decoded message; borrowed: released after this returns
         * @param offset the byte offset of the frame header in the input (preamble included)
         * @param payloadLength the payload length on the wire (the frame's length field)
         */
        void frame(FoscMessage message, long offset, int payloadLength) throws IOException;
    }

    private final FrameSink sink;
    private final PreambleSkipper preamble = new PreambleSkipper();
    private final FrameOffsetTap tap = new FrameOffsetTap();
    private final EmbeddedChannel channel;
    private long bytesIn;
    private long frames;
    private boolean failed;
    private boolean streamError;
    private IOException sinkError;

    /**
     * @param maxPayloadLength the largest payload accepted (see {@link FoscFrameDecoder})
     * @param sink receives each message
     */
    public CaptureDecoder(int maxPayloadLength, FrameSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.channel = new EmbeddedChannel(preamble, new FoscFrameDecoder(maxPayloadLength, false), tap,
                new FoscCodec(), new Delivery());
    }

    /**
     * Reads {@code in} to its end in chunks of {@value #DEFAULT_CHUNK_SIZE} bytes, feeding each, then
     * {@link #finish()}es. Does not close {@code in}.
     */
    public void decode(InputStream in) throws IOException, CaptureDecodeException {
        while (true) {
            ByteBuf chunk = channel.alloc().heapBuffer(DEFAULT_CHUNK_SIZE);
            int n;
            try {
                n = chunk.writeBytes(in, DEFAULT_CHUNK_SIZE);
            } catch (IOException | RuntimeException e) {
                chunk.release();
                throw e;
            }
            if (n < 0) {
                chunk.release();
                break;
            }
            if (n == 0) {
                chunk.release();
                continue;
            }
            feed(chunk);
        }
        finish();
    }

    /** Decodes the bytes of {@code chunk} (taking ownership of it) and delivers every message they complete. */
    public void feed(ByteBuf chunk) throws IOException, CaptureDecodeException {
        if (failed) {
            chunk.release();
            throw new IllegalStateException("decoding already failed");
        }
        bytesIn += chunk.readableBytes();
        Throwable error = null;
        try {
            channel.writeInbound(chunk);
        } catch (Exception e) { // EmbeddedChannel rethrows what the pipeline raised
            error = e;
        }
        if (sinkError != null) {
            failed = true;
            throw sinkError;
        }
        if (error != null) {
            failed = true;
            throw translate(error);
        }
    }

    /**
     * Ends the stream: fails if it stopped inside the preamble or inside a frame (naming the offset where
     * that frame starts); otherwise every frame has been delivered.
     */
    public void finish() throws CaptureDecodeException {
        if (failed) {
            return;
        }
        if (!preamble.done()) {
            if (preamble.atCleanEnd(bytesIn)) {
                return;
            }
            failed = true;
            CapturePreamble.Kind kind = preamble.kind();
            if (kind == null) {
                throw new CaptureDecodeException("stream ends inside a frame at byte offset 0 (" + bytesIn
                        + " bytes of it present)", 0);
            }
            throw new CaptureDecodeException("stream ends inside the " + PreambleSkipper.describe(kind)
                    + " that starts at byte offset 0", 0);
        }
        long consumed = preamble.length() + tap.frameBytes();
        if (bytesIn > consumed) {
            failed = true;
            throw new CaptureDecodeException("stream ends inside a frame at byte offset " + consumed + " ("
                    + (bytesIn - consumed) + " bytes of it present)", consumed);
        }
    }

    /** What came before the first frame (so far). */
    public CapturePreamble preamble() {
        CapturePreamble.Kind kind = preamble.kind();
        return kind == null || kind == CapturePreamble.Kind.NONE ? CapturePreamble.NONE
                : new CapturePreamble(kind, preamble.length());
    }

    /** Bytes fed so far. */
    public long bytesIn() {
        return bytesIn;
    }

    /** Messages delivered so far. */
    public long frames() {
        return frames;
    }

    /** Releases everything still buffered. Never throws. */
    @Override
    public void close() {
        try {
            channel.finishAndReleaseAll();
        } catch (RuntimeException e) {
            // an error the pipeline raised again while closing; the first one has been reported already
            channel.releaseInbound();
        }
    }

    /**
     * The last handler: delivers each message to the sink and releases it at once, inside the read. Releasing
     * before the read completes matters: {@code ByteToMessageDecoder} compacts its cumulation buffer only while
     * no slice of it is alive, so messages left queued until after the read would let it grow without bound
     * on a long capture.
     */
    private final class Delivery extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                long[] frame = tap.poll();
                if (!(msg instanceof FoscMessage) || frame == null) {
                    throw new IllegalStateException("the codec produced " + msg.getClass().getName()
                            + " without a frame");
                }
                if (sinkError == null && !failed && !streamError) { // nothing after the first error, not even on close
                    frames++;
                    sink.frame((FoscMessage) msg, preamble.length() + frame[0],
                            (int) frame[1] - FoscFrames.HEADER_LENGTH);
                }
            } catch (IOException e) {
                sinkError = e;
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // The frame decoder goes on after an oversize frame within the same read; the capture stops at the
            // first stream error, so nothing decoded after it is delivered. EmbeddedChannel keeps the cause.
            streamError = true;
            ctx.fireExceptionCaught(cause);
        }
    }

    private CaptureDecodeException translate(Throwable error) {
        if (error instanceof PreambleSkipper.PreambleFailure) {
            return new CaptureDecodeException(error.getMessage(), ((PreambleSkipper.PreambleFailure) error).offset);
        }
        // The frame decoder counts offsets from its own first byte; the input has the preamble before that.
        long base = preamble.length();
        long offset = base + tap.frameBytes();
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        Matcher m = CODEC_OFFSET.matcher(message);
        if (m.find()) {
            offset = base + Long.parseLong(m.group(1));
            message = message.substring(0, m.start()) + "byte offset " + offset + message.substring(m.end());
        } else {
            message = message + " at byte offset " + offset;
        }
        if (error instanceof TooLongFrameException) {
            message = message + " (see --max-payload)";
        }
        return new CaptureDecodeException(message, offset);
    }
}

package dev.fosc.client.internal;

import dev.fosc.codec.FoscFrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;


/**
 * The receive-buffer allocator of a camera connection: Netty's adaptive sizing, except that while a large frame
 * (at least half the adaptive size) is arriving quickly it sizes the next read to what that frame still needs plus
 * the next frame's headers (once a frame is in flight; after that one read, reads stay aligned to frames). Reads then end where frames end: each frame's data lands in a buffer of its own (no
 * composite), and the few header bytes at the end are copied out by the decoder, so no partly used buffer stays
 * pinned between reads; no buffer is pre-sized and nothing is copied to grow one.
 *
 * <p>Fairness: at most {@link #READS_PER_TURN} reads per channel and turn of the event loop.
 *
 * <p>A read is sized by the frame only after a read that filled its buffer (the camera is sending faster than it
 * is read): when bytes trickle in, a big buffer would mostly stay empty while pinned by the piece in it, so the
 * adaptive size is used. Limits: at most {@link #MAX_FRAME_READ} bytes per frame-sized read; the adaptive sizes
 * are Netty's defaults (64 B to 64 KiB, starting at 2 KiB).
 *
 * <p>One instance per channel (it asks that channel's decoder); used on its event loop only.
 */
final class FoscReceiveBuffers implements RecvByteBufAllocator {

    /** The largest read sized by a frame: 256 KiB (a key frame above it arrives in several reads). */
    static final int MAX_FRAME_READ = 256 * 1024;
    /** The next frame's header and media header, read with the end of the current frame: 12 + 36 bytes. */
    static final int NEXT_HEADERS = 48;

    private final FoscFrameDecoder decoder;
    /**
     * Reads per turn of the event loop: 4 (Netty's default is 16). A camera that sends faster than it is read gets at
     * most this many reads (about 256 KiB) before the loop serves the next channel, so the turn of a loop with
     * hundreds of streaming cameras stays short and a session that is logging in waits one short turn for its reply.
     */
    static final int READS_PER_TURN = 4;

    /** Netty's adaptive sizing; shared by all connections (the state is in each handle). */
    private static final RecvByteBufAllocator ADAPTIVE = new AdaptiveRecvByteBufAllocator()
            .maxMessagesPerRead(READS_PER_TURN);

    /**
     * @param decoder the channel's frame decoder, asked about the frame in flight
     */
    FoscReceiveBuffers(FoscFrameDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Handle newHandle() {
        return new FrameSizedHandle((ExtendedHandle) ADAPTIVE.newHandle());
    }

    private final class FrameSizedHandle implements ExtendedHandle {

        private final ExtendedHandle adaptive;
        private int attempted;
        private boolean lastReadFilled;

        FrameSizedHandle(ExtendedHandle adaptive) {
            this.adaptive = adaptive;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            return alloc.ioBuffer(guess());
        }

        @Override
        public int guess() {
            int base = adaptive.guess();
            if (!lastReadFilled) {
                return base;
            }
            long wanted = decoder.bytesToCompleteFrame();
            if (wanted == 0 || decoder.frameInFlightLength() + NEXT_HEADERS < base / 2) {
                return base; // between frames, or small frames: many per read
            }
            return (int) Math.min(wanted + NEXT_HEADERS, MAX_FRAME_READ);
        }

        @Override
        public void reset(ChannelConfig config) {
            adaptive.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            adaptive.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            lastReadFilled = bytes > 0 && bytes == attempted;
            adaptive.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return adaptive.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            attempted = bytes;
            adaptive.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return adaptive.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return adaptive.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return adaptive.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            adaptive.readComplete();
        }
    }
}

package dev.fosc.cli.decode;

import dev.fosc.cli.Sessions;
import dev.fosc.codec.FoscDecodedForm;
import dev.fosc.codec.FoscLoginCheckReply;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscVideoData;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming decoder fed in pieces of every size: the same frames, offsets and errors as fed whole. */
class CaptureDecoderTest {

    private static List<String> decode(byte[] bytes, int piece) throws IOException, CaptureDecodeException {
        List<String> seen = new ArrayList<>();
        try (CaptureDecoder decoder = new CaptureDecoder(1 << 20,
                (m, offset, length) -> seen.add(offset + ":" + length + ":" + FoscDecodedForm.of(m)))) {
            for (int i = 0; i < bytes.length; i += piece) {
                decoder.feed(Unpooled.copiedBuffer(bytes, i, Math.min(piece, bytes.length - i)));
            }
            decoder.finish();
            seen.add("preamble " + decoder.preamble());
        }
        return seen;
    }

    @Test
    void pieceSizeDoesNotMatter() throws Exception {
        for (String preamble : new String[] {"", Sessions.SERVERPUSH, Sessions.HTTP_200}) {
            byte[] bytes = preamble.startsWith("HTTP") || preamble.isEmpty()
                    ? Sessions.bytes(preamble, Sessions.cameraMessages(3000))
                    : Sessions.bytes(preamble, Sessions.clientMessages());
            List<String> whole = decode(bytes, bytes.length);
            for (int piece : new int[] {1, 2, 3, 7, 11, 12, 13, 100, 1460}) {
                assertEquals(whole, decode(bytes, piece), "pieces of " + piece);
            }
        }
    }

    @Test
    void memoryStaysBoundedOnALongCaptureWhoseFramesStraddleReads() throws Exception {
        byte[] frame = Sessions.frame(new FoscVideoData(FoscMediaHeader.video(0, false, 1920, 1080, 25, 1),
                Unpooled.wrappedBuffer(new byte[65_536])));
        int count = 300; // about 20 MB; no read ends on a frame boundary
        InputStream capture = new InputStream() {
            private long position;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position == (long) count * frame.length) {
                    return -1;
                }
                int n = 0;
                while (n < len && position < (long) count * frame.length) {
                    int in = (int) (position % frame.length);
                    int k = (int) Math.min(len - n, frame.length - in);
                    System.arraycopy(frame, in, b, off + n, k);
                    n += k;
                    position += k;
                }
                return n;
            }
        };
        ByteBufAllocatorMetric metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
        long before = metric.usedHeapMemory() + metric.usedDirectMemory();
        long[] peak = {0};
        int[] frames = {0};
        try (CaptureDecoder decoder = new CaptureDecoder(1 << 20, (m, offset, length) -> {
            frames[0]++;
            peak[0] = Math.max(peak[0], metric.usedHeapMemory() + metric.usedDirectMemory() - before);
        })) {
            decoder.decode(capture);
        }
        assertEquals(count, frames[0]);
        assertTrue(peak[0] < 8L * 1024 * 1024, "the decoder's buffers grew to " + peak[0] + " bytes");
    }

    @Test
    void preambleLengthIncludesTheExtraLineBreaks() throws Exception {
        byte[] bytes = Sessions.bytes(Sessions.SERVERPUSH, List.of(new FoscLoginCheckReply(0)));
        List<String> seen = decode(bytes, 1);
        assertEquals("preamble CapturePreamble[kind=CLIENT_REQUEST, length=" + Sessions.SERVERPUSH.length() + "]",
                seen.get(1));
        assertEquals(Sessions.SERVERPUSH.length() + ":4:", seen.get(0).substring(0, seen.get(0).indexOf('{')));
    }

    @Test
    void aPreambleWithNothingAfterItIsAnEmptyCapture() throws Exception {
        assertEquals(1, decode(Sessions.SERVERPUSH.getBytes(StandardCharsets.US_ASCII), 5).size());
        assertEquals(1, decode(Sessions.HTTP_200.getBytes(StandardCharsets.US_ASCII), 5).size());
    }

    @Test
    void badMagicOffsetIsTheSameWhateverThePieces() throws Exception {
        byte[] good = Sessions.bytes(Sessions.HTTP_200, Sessions.cameraMessages(100));
        byte[] bytes = Sessions.concat(good, new byte[] {1, 0, 0, 0, 'f', 'o', 's', 'c', 0, 0, 0, 0, 9, 9});
        for (int piece : new int[] {1, 5, 13, bytes.length}) {
            CaptureDecodeException e = assertThrows(CaptureDecodeException.class, () -> decode(bytes, piece));
            assertEquals(good.length, e.offset(), "pieces of " + piece);
        }
    }

    @Test
    void aFewBytesThatCouldStartAPreambleButEndAreATruncatedFrame() {
        CaptureDecodeException e = assertThrows(CaptureDecodeException.class,
                () -> decode("HTT".getBytes(StandardCharsets.US_ASCII), 1));
        assertEquals("stream ends inside a frame at byte offset 0 (3 bytes of it present)", e.getMessage());
    }
}

package dev.fosc.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FoscTalkBufferTest {

    @Test
    void wrapsAroundAndKeepsOrder() {
        FoscTalkBuffer b = new FoscTalkBuffer(10);
        assertEquals(7, b.offer(new byte[] {1, 2, 3, 4, 5, 6, 7}, 0, 7));
        byte[] out = new byte[5];
        assertEquals(5, b.take(out, 5));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, out);
        ByteBuffer src = ByteBuffer.wrap(new byte[] {8, 9, 10, 11, 12, 13, 14, 15, 16});
        assertEquals(8, b.offer(src), "up to the bound");
        assertEquals(8, src.position());
        assertEquals(10, b.size());
        assertEquals(2, b.skip(2));
        ByteBuf buf = Unpooled.buffer();
        assertEquals(8, b.take(buf, 100));
        assertArrayEquals(new byte[] {8, 9, 10, 11, 12, 13, 14, 15}, io.netty.buffer.ByteBufUtil.getBytes(buf));
        buf.release();
        assertEquals(0, b.size());
    }

    @Test
    void aFreedBufferTakesNothing() {
        FoscTalkBuffer b = new FoscTalkBuffer(10);
        b.offer(new byte[] {1, 2, 3}, 0, 3);
        b.free();
        assertEquals(0, b.size());
        assertEquals(0, b.offer(new byte[] {4}, 0, 1));
        assertEquals(0, b.offer(ByteBuffer.wrap(new byte[] {4})));
        assertEquals(0, b.take(new byte[4], 4));
        assertEquals(10, b.capacity(), "the bound stays as configured");
    }

    /** Writers on several threads, one reader: every byte accepted comes out once, each writer's bytes in order. */
    @Test
    void concurrentWritersAndAReaderLoseAndDuplicateNothing() throws Exception {
        FoscTalkBuffer b = new FoscTalkBuffer(960 * 3);
        int writers = 4;
        int perWriter = 200_000;
        AtomicLong accepted = new AtomicLong();
        CountDownLatch done = new CountDownLatch(writers);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            Thread t = new Thread(() -> {
                // each byte: writer id in the top two bits, a 6-bit sequence number below
                byte[] chunk = new byte[97];
                int seq = 0;
                int sent = 0;
                while (sent < perWriter) {
                    int n = Math.min(chunk.length, perWriter - sent);
                    for (int i = 0; i < n; i++) {
                        chunk[i] = (byte) (id << 6 | (seq + i) & 63);
                    }
                    int off = 0;
                    while (off < n) {
                        int k = b.offer(chunk, off, n - off);
                        off += k;
                        if (k == 0) {
                            Thread.onSpinWait();
                        }
                    }
                    seq += n;
                    sent += n;
                    accepted.addAndGet(n);
                }
                done.countDown();
            });
            threads.add(t);
            t.start();
        }
        int[] next = new int[writers];
        long read = 0;
        byte[] out = new byte[960];
        AtomicBoolean ordered = new AtomicBoolean(true);
        while (read < (long) writers * perWriter) {
            int n = b.take(out, out.length);
            for (int i = 0; i < n; i++) {
                int id = (out[i] & 0xff) >> 6;
                if ((out[i] & 63) != (next[id] & 63)) {
                    ordered.set(false);
                }
                next[id]++;
            }
            read += n;
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(accepted.get(), read);
        assertEquals(0, b.size());
        assertTrue(ordered.get(), "each writer's bytes come out in the order written");
        for (int w = 0; w < writers; w++) {
            assertEquals(perWriter, next[w]);
        }
    }
}

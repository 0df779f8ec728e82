package dev.fosc.cli.record;

import dev.fosc.client.FoscMotionEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static dev.fosc.cli.record.TestFrames.audio;
import static dev.fosc.cli.record.TestFrames.data;
import static dev.fosc.cli.record.TestFrames.video;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorder's writer queue against a slow or stuck "disk" (a hook that blocks the writer thread). */
class RecorderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Recorder.Target TARGET = new Recorder.Target("cam", 88, "admin", "r2c", "main");

    @TempDir
    Path tmp;

    private final StringWriter notices = new StringWriter();

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "timed out");
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "timed out");
            Thread.sleep(2);
        }
    }

    @Test
    void aSlowDiskDropsFramesBeyondTheQueueAndTheVideoRestartsAtAKeyFrame() throws Exception {
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch disk = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        Recorder r = Recorder.open(tmp, true, Clock.systemUTC(), new PrintWriter(notices), 8, WAIT, () -> {
            writes.incrementAndGet();
            writerBusy.countDown();
            try {
                disk.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        r.onVideoFrame(null, video(0, true)); // the writer takes it and blocks on the "disk"
        expected.write(data(0, true));
        await(writerBusy);
        for (int n = 1; n <= 20; n++) { // 8 fit in the queue, 12 are dropped
            r.onVideoFrame(null, video(n, false));
            if (n <= 8) {
                expected.write(data(n, false));
            }
        }
        for (int n = 0; n < 5; n++) { // no frame slot left: dropped
            r.onAudioFrame(null, audio(n, (byte) 1));
        }
        r.onEvent(null, new FoscMotionEvent(Instant.now(), "0100001e")); // events have room of their own
        r.onEvent(null, new FoscMotionEvent(Instant.now(), "0100001e"));
        assertTrue(notices.toString().contains("falls behind: dropping frames"), notices.toString());

        disk.countDown();
        awaitTrue(() -> writes.get() == 11); // 1 + 8 frames, 2 events
        r.onVideoFrame(null, video(21, false)); // after the drop: skipped until a key frame
        r.onVideoFrame(null, video(22, false));
        r.onVideoFrame(null, video(23, true));
        expected.write(data(23, true));
        for (int n = 24; n < 27; n++) {
            r.onVideoFrame(null, video(n, false));
            expected.write(data(n, false));
        }
        for (int n = 5; n < 8; n++) {
            r.onAudioFrame(null, audio(n, (byte) 2));
        }

        RecordingReport report = r.finish(TARGET, 0, "completed", null);
        assertEquals(13, report.videoFrames());
        assertEquals(2, report.keyFrames());
        assertEquals(14, report.droppedVideoFrames(), "12 when full, 2 waiting for the key frame");
        assertEquals(5, report.droppedAudioFrames());
        assertEquals(3, report.audioFrames());
        assertEquals(2, report.events());
        assertEquals(0, report.droppedEvents());
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(tmp.resolve(Recorder.VIDEO_FILE)),
                "the video goes on at a key frame after the drop");
        Map<String, Object> s = JsonFields.parse(Files.readString(tmp.resolve(Recorder.SESSION_FILE)));
        assertEquals(14L, s.get("video.dropped"));
        assertEquals(5L, s.get("audio.dropped"));
        assertEquals(0L, s.get("events.dropped"));
    }

    @Test
    void finishIsBoundedWithAStuckDiskAndStillClosesTheFilesAndWritesSessionJson() throws Exception {
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Recorder r = Recorder.open(tmp, true, Clock.systemUTC(), new PrintWriter(notices), 8, Duration.ofMillis(200),
                () -> {
                    writerBusy.countDown();
                    try {
                        never.await(); // stuck until finish gives up and interrupts the writer
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        r.onAudioFrame(null, audio(0, (byte) 7)); // stuck in the writer
        await(writerBusy);
        r.onAudioFrame(null, audio(1, (byte) 7));
        for (int n = 0; n < 3; n++) {
            r.onVideoFrame(null, video(n, n == 0));
        }
        long start = System.nanoTime();
        RecordingReport report = r.finish(TARGET, 0, "completed", null);
        assertTrue(System.nanoTime() - start < WAIT.toNanos(), "finish gave up in bounded time");
        assertEquals(3, report.droppedVideoFrames());
        assertEquals(1, report.droppedAudioFrames());
        assertTrue(Files.exists(tmp.resolve(Recorder.SESSION_FILE)));
        byte[] wav = Files.readAllBytes(tmp.resolve(Recorder.AUDIO_FILE));
        assertEquals(44 + 960, wav.length);
        assertEquals(960, ByteBuffer.wrap(wav, 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(),
                "the WAV header holds the size of what was written: the file was closed");
    }
}

package dev.fosc.client.record;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A recorder as an NVR writes one with the record package, against a FakeCamera that drops the connection. */
class FoscRecordingIT {

    @TempDir
    Path tmp;

    @Test
    void recordsFromAKeyFrameTracksParametersAndStartsASegmentAfterAReconnect() throws Exception {
        Path file = tmp.resolve("v.h264");
        FoscKeyFrameGate gate = new FoscKeyFrameGate();
        AtomicInteger frames = new AtomicInteger();
        CompletableFuture<Void> twoSegments = new CompletableFuture<>();
        try (FakeCamera camera = FakeCamera.builder().password("pw").start();
             FoscClient client = FoscClient.builder().threads(1).build();
             FoscH264FileWriter writer = new FoscH264FileWriter(file)) {
            FoscSessionListener listener = new FoscSessionListener() {
                @Override
                public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
                    if (frame.isDiscontinuity()) {
                        writer.resync();
                    }
                    if (gate.admit(frame)) {
                        try {
                            writer.write(frame.header(), frame.copyData()); // a test: an NVR writes on its own thread
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        if (gate.segments() == 2 && frames.incrementAndGet() > 30) {
                            twoSegments.complete(null);
                        }
                    }
                }
            };
            FoscSession session = client.newSession(FoscSessionOptions.builder(camera.host(),
                    FoscCredentials.of("admin", "pw")).port(camera.port())
                    .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(5))
                            .maxDelay(Duration.ofMillis(50)).minLoginInterval(Duration.ofMillis(20)).build())
                    .build(), listener);
            session.connect().get(10, TimeUnit.SECONDS);
            session.videoOn(FoscStream.MAIN).get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gate.admitted() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(640, gate.parameters().width(), "parameters from the camera's in-band SPS: " + gate);
            assertEquals(360, gate.parameters().height());
            assertEquals("42c01e", gate.parameters().profileLevelId());
            camera.closeConnections();
            twoSegments.get(10, TimeUnit.SECONDS);
            session.closeAndWait(Duration.ofSeconds(5));
            assertEquals(writer.frames(), gate.admitted(), "the writer and the gate agree on what is usable");
            assertTrue(writer.keyFrames() >= 2, "each segment starts at a key frame: " + writer.keyFrames());
            assertEquals(0, writer.skipped(), "the gate passed the writer only usable frames");
        }
        byte[] written = Files.readAllBytes(file);
        FoscH264Parameters first = FoscH264Parameters.fromAccessUnit(io.netty.buffer.Unpooled.wrappedBuffer(written));
        assertTrue(first != null && first.width() == 640, "the file starts with a key frame and its SPS/PPS");
    }
}

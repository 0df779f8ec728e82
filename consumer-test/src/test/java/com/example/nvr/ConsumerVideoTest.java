package com.example.nvr;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an application's first test looks like: a FakeCamera from fosc-testkit, a FoscClient from fosc-client, both
 * resolved from the installed artifacts through fosc-bom. Connects, asks for video and sees key-framed H.264 arrive.
 */
class ConsumerVideoTest {

    @Test
    void connectsAndReceivesVideo() throws Exception {
        CountDownLatch frames = new CountDownLatch(10);
        AtomicInteger keyFrames = new AtomicInteger();
        FoscSessionListener listener = new FoscSessionListener() {
            @Override
            public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
                if (frame.header().keyFrame()) {
                    keyFrames.incrementAndGet();
                }
                frames.countDown();
            }
        };
        try (FakeCamera camera = FakeCamera.builder().user("admin").password("secret").start();
             FoscClient client = FoscClient.builder().threads(1).build()) {
            FoscSessionOptions options = FoscSessionOptions
                    .builder(camera.host(), FoscCredentials.of("admin", "secret"))
                    .port(camera.port())
                    .build();
            FoscSession session = client.newSession(options, listener);
            session.connect().get(10, TimeUnit.SECONDS);
            session.videoOn(FoscStream.MAIN).get(10, TimeUnit.SECONDS);
            assertTrue(frames.await(10, TimeUnit.SECONDS), "10 video frames within 10 s");
            assertTrue(keyFrames.get() >= 1, "the stream starts on a key frame");
            session.close().get(5, TimeUnit.SECONDS);
        }
    }
}

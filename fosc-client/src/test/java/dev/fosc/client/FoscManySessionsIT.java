package dev.fosc.client;

import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraFleet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thousand camera sessions multiplexed on a two-thread client group, all receiving video, against a fleet of a
 * thousand fake cameras on two threads of their own.
 */
class FoscManySessionsIT {

    private static final int SESSIONS = 1000;

    @Test
    void aThousandSessionsOnTwoThreadsAllReceiveVideo() throws Exception {
        try (FakeCameraFleet fleet = FakeCameraFleet.builder(FakeCamera.builder().password("pw").fps(5).record(false))
                .cameras(SESSIONS).threads(2).start();
             FoscClient client = FoscClient.builder().threads(2).build()) {
            List<FakeCamera> cameras = fleet.cameras();
            CountDownLatch firstFrames = new CountDownLatch(SESSIONS);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            long start = System.nanoTime();
            List<FoscSession> sessions = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                FakeCamera camera = cameras.get(i);
                AtomicBoolean seen = new AtomicBoolean();
                FoscSession s = client.newSession(FoscSessionOptions.builder(camera.host(),
                                FoscCredentials.of("admin", "pw")).port(camera.port())
                        .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(50))
                                .maxDelay(Duration.ofMillis(500)).minLoginInterval(Duration.ZERO).build()).build(),
                        new FoscSessionListener() {
                            @Override
                            public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
                                if (seen.compareAndSet(false, true)) {
                                    threads.add(Thread.currentThread().getName());
                                    firstFrames.countDown();
                                }
                            }
                        });
                s.connect();
                s.videoOn(FoscStream.SUB);
                sessions.add(s);
            }
            assertTrue(firstFrames.await(60, TimeUnit.SECONDS), firstFrames.getCount() + " sessions got no video");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("%d sessions on 2 threads: all receiving video after %d ms; %d logins%n", SESSIONS,
                    millis, fleet.loginCount());
            assertTrue(threads.size() <= 2, "delivered on the client's two loops only: " + threads);
            for (FoscSession s : sessions) {
                assertEquals(FoscSessionState.CONNECTED, s.state());
            }
            assertEquals(SESSIONS, client.sessions().size());
            assertEquals(SESSIONS, fleet.loginCount(), "one login per camera: nobody reconnected");
        }
    }
}

package dev.fosc.client;

import dev.fosc.client.internal.DefaultFoscSession;
import dev.fosc.codec.FoscLoginReply;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.DefaultAddressResolverGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A camera that accepts each login and drops the connection at once: the backoff must grow from loss to loss
 * and start over only after a connection stayed up for the policy's stable time. The session is built with a
 * fixed jitter (always the top of the range), so each delay is known from below.
 */
class FoscFlappingCameraIT {

    private static final double TOP_OF_RANGE = 0.999;

    private EventLoopGroup group;

    @BeforeEach
    void startLoop() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterEach
    void stopLoop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private DefaultFoscSession session(FoscSessionOptions options, RecordingListener rec) {
        return new DefaultFoscSession(options, (EventLoop) group.next(), NioSocketChannel.class, rec, s -> { },
                () -> TOP_OF_RANGE, DefaultAddressResolverGroup.INSTANCE);
    }

    /** The waits between each RECONNECTING and the CONNECTING that followed, in nanoseconds. */
    private static List<Long> waits(RecordingListener rec) {
        List<Long> waits = new ArrayList<>();
        List<RecordingListener.Change> changes = new ArrayList<>(rec.changes);
        for (int i = 0; i + 1 < changes.size(); i++) {
            if (changes.get(i).to() == FoscSessionState.RECONNECTING
                    && changes.get(i + 1).to() == FoscSessionState.CONNECTING) {
                waits.add(changes.get(i + 1).nanos() - changes.get(i).nanos());
            }
        }
        return waits;
    }

    @Test
    void anAcceptedLoginThatDropsAtOnceBacksOffFurtherEachTimeAndStartsOverOnlyAfterAStableConnection()
            throws Exception {
        Duration initial = Duration.ofMillis(20);
        double multiplier = 8;
        Duration stable = Duration.ofMillis(300);
        // logins 0..2 are dropped 20 ms after the reply; login 3 lasts 700 ms (past the stable time); 4 stays
        try (ScriptedCamera camera = new ScriptedCamera((ctx, login, n) -> {
            ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "FLAP"));
            if (n < 3) {
                ScriptedCamera.closeLater(ctx, 20);
            } else if (n == 3) {
                ScriptedCamera.closeLater(ctx, 700);
            }
        }, null)) {
            RecordingListener rec = new RecordingListener();
            DefaultFoscSession session = session(camera.options().reconnectPolicy(FoscReconnectPolicy.builder()
                    .initialDelay(initial).multiplier(multiplier).maxDelay(Duration.ofSeconds(10)).stableTime(stable)
                    .minLoginInterval(Duration.ZERO)
                    .build()).build(), rec);
            get(session.connect());
            await(() -> camera.logins.get() >= 5 && session.state() == FoscSessionState.CONNECTED,
                    Duration.ofSeconds(15), () -> camera.logins.get() + " logins; waits " + waits(rec));
            List<Long> waits = waits(rec);
            assertTrue(waits.size() >= 4, waits.toString());
            for (int i = 0; i < 3; i++) {
                long bound = (long) (initial.toNanos() * Math.pow(multiplier, i) * TOP_OF_RANGE);
                assertTrue(waits.get(i) >= bound, "loss " + (i + 1) + " waited " + waits.get(i) / 1_000_000
                        + " ms, less than its backoff bound " + bound / 1_000_000 + " ms: " + waits);
            }
            // after 700 ms logged in the backoff starts over: the next bound is 20 ms again, not 10 s
            assertTrue(waits.get(3) < TimeUnit.SECONDS.toNanos(5), "the backoff did not start over after a stable"
                    + " connection: " + waits);
            session.close().get(5, TimeUnit.SECONDS);
        }
    }
}

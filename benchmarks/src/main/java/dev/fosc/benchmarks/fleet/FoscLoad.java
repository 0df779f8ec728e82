package dev.fosc.benchmarks.fleet;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.testkit.EpochMicros;
import io.netty.channel.EventLoopGroup;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The measured client: one {@link FoscClient} on the benchmark's event-loop group, one session per camera, each
 * logging in and (video mode) turning video on; a listener per session counts frames on its loop.
 */
final class FoscLoad implements ClientLoad {

    private final FleetOptions options;
    private final FoscClient client;
    private final LoadStats stats;
    private final List<FoscSession> sessions = new ArrayList<>();

    FoscLoad(FleetOptions options, EventLoopGroup group) {
        this.options = options;
        this.client = FoscClient.builder().eventLoopGroup(group).channelType(BenchTransport.channelType(group))
                .shutdownTimeout(Duration.ofSeconds(30)).build();
        this.stats = new LoadStats(group);
    }

    @Override
    public String name() {
        return "fosc";
    }

    @Override
    public LoadStats stats() {
        return stats;
    }

    /** The session options for {@code target}: the library's defaults with the benchmark's credentials. */
    FoscSessionOptions sessionOptions(InetSocketAddress target) {
        return FoscSessionOptions.builder(target.getHostString(), FoscCredentials.of(options.user, options.password))
                .port(target.getPort()).build();
    }

    @Override
    public void open(List<InetSocketAddress> targets, int count) {
        boolean video = options.mode == FleetOptions.Mode.video;
        boolean epoch = options.epochClock();
        for (int i = 0; i < count; i++) {
            Counter counter = new Counter(stats, epoch);
            FoscSession session = client.newSession(sessionOptions(targets.get(i % targets.size())), counter);
            counter.loop = stats.of(session.eventLoop());
            sessions.add(session);
            CompletableFuture<?> started = session.connect();
            if (video) {
                started = started.thenCompose(info -> session.videoOn(FoscStream.MAIN));
            }
            started.whenComplete((v, e) -> {
                if (e != null) {
                    stats.failed(e);
                } else if (!video) {
                    stats.ready();
                }
            });
        }
    }

    /** The sessions opened (for talk mode). */
    List<FoscSession> sessions() {
        return sessions;
    }

    @Override
    public void close() {
        client.close();
    }

    /** Counts one session's video frames on its loop; the first one makes the session ready. */
    static final class Counter implements FoscSessionListener {
        private final LoadStats stats;
        private final boolean epoch;
        LoopStats loop;
        private boolean streaming;

        Counter(LoadStats stats, boolean epoch) {
            this.stats = stats;
            this.epoch = epoch;
        }

        @Override
        public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
            if (!streaming) {
                streaming = true;
                stats.ready();
            }
            long wire = 12 + FoscMediaHeader.LENGTH + frame.data().readableBytes();
            loop.frame(wire, epoch ? EpochMicros.now() - frame.timestamp() : Long.MIN_VALUE);
        }
    }
}

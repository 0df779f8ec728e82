package dev.fosc.benchmarks.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain-NIO raw baseline ({@code --clients fosc,raw,nio}): no Netty at all — {@code --threads}
 * {@link NioWorker}s, each a selector with one reused direct read buffer, the connections spread over them
 * round-robin. The closest this JVM gets to issue 9's C client that reads every byte and walks the headers.
 */
final class NioRawLoad implements ClientLoad {

    private final FleetOptions options;
    private final List<NioWorker> workers = new ArrayList<>();
    private final LoadStats stats = new LoadStats();

    NioRawLoad(FleetOptions options) {
        this.options = options;
        for (int i = 0; i < options.threads; i++) {
            try {
                NioWorker w = new NioWorker("raw-nio-" + i, stats);
                stats.add(w, w::call);
                workers.add(w);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        workers.forEach(NioWorker::start);
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public LoadStats stats() {
        return stats;
    }

    @Override
    public void open(List<InetSocketAddress> targets, int count) {
        boolean video = options.mode == FleetOptions.Mode.video;
        boolean epoch = options.epochClock();
        for (int i = 0; i < count; i++) {
            InetSocketAddress t = targets.get(i % targets.size());
            InetSocketAddress target = t.isUnresolved() ? new InetSocketAddress(t.getHostString(), t.getPort()) : t;
            int uid = 0x10000 + i;
            NioWorker w = workers.get(i % workers.size());
            w.connect(target, new FrameWalker(stats, stats.of(w), video, epoch),
                    RawHello.hello(target.getHostString(), target.getPort(), options.user, options.password, uid, video),
                    RawHello.loginCheck(uid));
        }
    }

    @Override
    public void close() {
        for (NioWorker w : workers) {
            try {
                w.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

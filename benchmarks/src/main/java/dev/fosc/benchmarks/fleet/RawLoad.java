package dev.fosc.benchmarks.fleet;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The raw baseline: plain Netty on the same kind of group (transport and thread count) as the fosc client, one
 * connection per session with a single {@link RawReader} that sends the hello bytes and walks frame headers.
 * Same socket options as fosc's connections: TCP_NODELAY, the default receive-buffer allocator.
 */
final class RawLoad implements ClientLoad {

    private final FleetOptions options;
    private final EventLoopGroup group;
    private final LoadStats stats;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    RawLoad(FleetOptions options, EventLoopGroup group) {
        this.options = options;
        this.group = group;
        this.stats = new LoadStats(group);
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public LoadStats stats() {
        return stats;
    }

    @Override
    public void open(List<InetSocketAddress> targets, int count) {
        boolean video = options.mode == FleetOptions.Mode.video;
        boolean epoch = options.epochClock();
        Bootstrap b = new Bootstrap().group(group).channel(BenchTransport.channelType(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        for (int i = 0; i < count; i++) {
            InetSocketAddress target = targets.get(i % targets.size());
            int uid = 0x10000 + i;
            byte[] hello = RawHello.hello(target.getHostString(), target.getPort(), options.user, options.password, uid,
                    video);
            byte[] keepalive = RawHello.loginCheck(uid);
            ChannelFuture f = b.clone().handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new RawReader(stats, hello, keepalive, video, epoch));
                }
            }).connect(target.isUnresolved() ? new InetSocketAddress(target.getHostString(), target.getPort())
                    : target);
            channels.add(f.channel());
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    stats.failed(done.cause());
                }
            });
        }
    }

    @Override
    public void close() {
        channels.close().awaitUninterruptibly(30, TimeUnit.SECONDS);
    }
}

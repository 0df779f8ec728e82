package dev.fosc.cli.record;

import dev.fosc.codec.FoscCodecOptions;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscPipelines;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal camera on the codec's camera pipeline for what FakeCamera does not script (a drop right after a
 * given request, "too many users"): every received message goes to a test-supplied function with the running
 * number of its command. Thread-safe; close it.
 */
final class MiniCamera implements AutoCloseable {

    /** What the camera does with the {@code n}-th message of its command (0-based). */
    interface Script {
        void on(ChannelHandlerContext ctx, FoscMessage message, int n);
    }

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    MiniCamera(Script script) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        FoscPipelines.installCamera(ch.pipeline(), FoscCodecOptions.DEFAULT);
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<FoscMessage>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FoscMessage msg) {
                                int n = counts.computeIfAbsent(msg.command().name(), k -> new AtomicInteger())
                                        .getAndIncrement();
                                script.on(ctx, msg, n); // msg is released afterwards
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** How many messages of {@code command} (e.g. "LOGIN") arrived. */
    int count(String command) {
        AtomicInteger n = counts.get(command);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

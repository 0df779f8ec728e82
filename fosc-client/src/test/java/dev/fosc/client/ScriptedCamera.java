package dev.fosc.client;

import dev.fosc.codec.FoscCodecOptions;
import dev.fosc.codec.FoscLogin;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscPipelines;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal camera built on the codec's camera pipeline, for the behaviours FakeCamera does not script: each
 * LOGIN (and every other message) is handed to a test-supplied function with its running number. Records the
 * commands it received. Thread-safe; close it.
 */
final class ScriptedCamera implements AutoCloseable {

    /** What the camera does with the {@code n}-th message of a kind (0-based). */
    interface Script {
        void on(ChannelHandlerContext ctx, FoscMessage message, int n);
    }

    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    final List<String> received = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    /**
     * @param onLogin called for every LOGIN
     * @param onOther called for every other message (released afterwards); may be {@code null}
     */
    ScriptedCamera(Script onLogin, Script onOther) throws InterruptedException {
        AtomicInteger others = new AtomicInteger();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.incrementAndGet();
                        FoscPipelines.installCamera(ch.pipeline(), FoscCodecOptions.DEFAULT);
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<FoscMessage>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FoscMessage msg) {
                                // SimpleChannelInboundHandler releases msg afterwards
                                received.add(msg.command().name());
                                if (msg instanceof FoscLogin) {
                                    onLogin.on(ctx, msg, logins.getAndIncrement());
                                } else if (onOther != null) {
                                    onOther.on(ctx, msg, others.getAndIncrement());
                                }
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Options for this camera with user {@code admin}. */
    FoscSessionOptions.Builder options() {
        return FoscSessionOptions.builder("127.0.0.1", dev.fosc.codec.FoscCredentials.of("admin", "pw")).port(port());
    }

    /** How many of the received messages were {@code command}. */
    long count(String command) {
        return received.stream().filter(command::equals).count();
    }

    /**
     * Writes a raw frame (header + {@code payload}) past the encoder, for payloads the codec would not build: a
     * LOGIN_REPLY of 2 bytes, for instance.
     */
    static void writeRaw(ChannelHandlerContext ctx, int command, byte[] payload) {
        ByteBuf raw = ctx.alloc().buffer(12 + payload.length);
        raw.writeIntLE(command).writeBytes("FOSC".getBytes(StandardCharsets.US_ASCII)).writeIntLE(payload.length)
                .writeBytes(payload);
        ctx.pipeline().firstContext().writeAndFlush(raw);
    }

    /** Closes the connection of {@code ctx} after {@code millis}. */
    static void closeLater(ChannelHandlerContext ctx, long millis) {
        ctx.channel().eventLoop().schedule(() -> ctx.close(), millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

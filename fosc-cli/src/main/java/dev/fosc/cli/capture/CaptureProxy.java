package dev.fosc.cli.capture;

import dev.fosc.cli.common.ErrorText;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-connection TCP relay on loopback between a client session and the camera that writes what crosses it:
 * {@code client.bin} (client to camera) and {@code camera.bin} (camera to client), byte for byte, in the form
 * {@code fosc decode} reads (each file starts with its direction's preamble). A relay rather than a handler in
 * the session's pipeline: the client offers no hook into its channel (and this CLI must not change it), and a
 * relay captures exactly the bytes on the wire, whatever the client does with them.
 *
 * <p>Only the first connection is relayed and captured (a reconnect would start a second preamble, which
 * {@code decode} does not expect); the listener closes once it is accepted. {@link #closed()} completes when
 * either side closed the connection.
 *
 * <p><b>Threading:</b> one event loop relays and writes both files (the camera's side is read only as fast as
 * the client takes it: back-pressure by auto-read). {@link #close()} from any thread.
 */
public final class CaptureProxy implements Closeable {

    /** The client direction's file. */
    public static final String CLIENT_FILE = "client.bin";
    /** The camera direction's file. */
    public static final String CAMERA_FILE = "camera.bin";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final CaptureFile clientFile;
    private final CaptureFile cameraFile;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Channel server;
    private final AtomicBoolean accepted = new AtomicBoolean();
    private volatile String cameraError;

    private CaptureProxy(Path dir, InetSocketAddress camera) throws IOException {
        this.clientFile = new CaptureFile(dir.resolve(CLIENT_FILE));
        this.cameraFile = new CaptureFile(dir.resolve(CAMERA_FILE));
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        if (!accepted.compareAndSet(false, true)) {
                            client.close();
                            return;
                        }
                        client.parent().close(); // one connection only
                        connect(client, camera);
                    }
                });
        try {
            this.server = b.bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IOException("interrupted while opening the capture relay", e);
        }
    }

    /** Starts a relay to {@code camera} that writes into {@code dir} (which must exist). */
    public static CaptureProxy start(Path dir, InetSocketAddress camera) throws IOException {
        return new CaptureProxy(dir, camera);
    }

    /** Where the client session should connect: a loopback port. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    private void connect(Channel client, InetSocketAddress camera) {
        new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new Relay(client, cameraFile))
                .connect(camera).addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        cameraError = ErrorText.connectReason(f.cause());
                        client.close();
                        closed.complete(null);
                        return;
                    }
                    client.pipeline().addLast(new Relay(f.channel(), clientFile));
                    client.read();
                    f.channel().read();
                });
    }

    /** Why the relay could not reach the camera, or {@code null}. */
    public String cameraError() {
        return cameraError;
    }

    /** Completes when the relayed connection ended (either side closed it). */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    /** Bytes captured from the client. */
    public long clientBytes() {
        return clientFile.bytes();
    }

    /** Bytes captured from the camera. */
    public long cameraBytes() {
        return cameraFile.bytes();
    }

    /**
     * Stops relaying and closes the files.
     *
     * @throws IOException the first error writing or closing a file
     */
    @Override
    public void close() throws IOException {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        closed.complete(null);
        IOException first = clientFile.error() != null ? clientFile.error() : cameraFile.error();
        try {
            clientFile.close();
        } finally {
            cameraFile.close();
        }
        if (first != null) {
            throw first;
        }
    }

    /** Relays what one side reads to the other, writing it to that direction's file first. */
    private final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel peer;
        private final CaptureFile file;

        Relay(Channel peer, CaptureFile file) {
            this.peer = peer;
            this.file = file;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            file.write(buf);
            peer.writeAndFlush(buf).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    ctx.channel().read();
                } else {
                    ctx.close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (peer.isActive()) {
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            closed.complete(null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

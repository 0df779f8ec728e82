package dev.fosc.benchmarks.fleet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One thread of the plain-NIO raw baseline: a {@link Selector} over its connections and <b>one</b> direct read buffer
 * that every read of every connection reuses (what a hand-written C client does): no buffer per read, no pipeline.
 * Each read is walked by the connection's {@link FrameWalker} through a Netty view of that buffer (a wrapper made
 * once, not a copy). Reads until a read returns less than the buffer holds. Sends LOGIN_CHECK to every connection
 * every 10 s. Tasks from other threads run between selections.
 */
final class NioWorker implements Runnable {

    /** The read buffer: 256 KiB, like a large socket read of a C client. */
    static final int READ_BUFFER = 256 * 1024;

    private final LoadStats load;
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private final ByteBuf view = Unpooled.wrappedBuffer(buffer);
    private final List<Conn> conns = new ArrayList<>();
    private volatile boolean running = true;
    private long nextKeepalive = System.nanoTime() + TimeUnit.SECONDS.toNanos(RawReader.KEEPALIVE_SECONDS);

    /** One connection: its socket, its parser and the bytes it sends. */
    static final class Conn {
        final SocketChannel channel;
        final FrameWalker walker;
        final byte[] hello;
        final byte[] keepalive;

        Conn(SocketChannel channel, FrameWalker walker, byte[] hello, byte[] keepalive) {
            this.channel = channel;
            this.walker = walker;
            this.hello = hello;
            this.keepalive = keepalive;
        }
    }

    NioWorker(String name, LoadStats load) throws IOException {
        this.load = load;
        this.selector = Selector.open();
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on this worker's thread and waits for its result. */
    Object call(Callable<?> task) throws Exception {
        CompletableFuture<Object> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    /** Connects (from this worker's thread) and, once connected, sends {@code hello}. */
    void connect(InetSocketAddress target, FrameWalker walker, byte[] hello, byte[] keepalive) {
        execute(() -> {
            try {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Conn c = new Conn(ch, walker, hello, keepalive);
                if (ch.connect(target)) {
                    connected(c, ch.register(selector, 0, c));
                } else {
                    ch.register(selector, SelectionKey.OP_CONNECT, c);
                }
            } catch (IOException e) {
                load.failed(e);
            }
        });
    }

    private void connected(Conn c, SelectionKey key) throws IOException {
        conns.add(c);
        key.interestOps(SelectionKey.OP_READ);
        write(c.channel, c.hello);
    }

    private static void write(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            if (ch.write(b) == 0) {
                throw new IOException("the socket took no bytes of " + bytes.length); // never for a few hundred
            }
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextKeepalive - System.nanoTime()));
                selector.select(wait);
                for (Runnable r = tasks.poll(); r != null; r = tasks.poll()) {
                    r.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() - nextKeepalive >= 0) {
                    keepalives();
                }
            }
        } catch (IOException e) {
            load.failed(e);
        } finally {
            closeAll();
        }
    }

    private void handle(SelectionKey key) {
        Conn c = (Conn) key.attachment();
        try {
            if (key.isConnectable()) {
                c.channel.finishConnect();
                connected(c, key);
            } else if (key.isReadable()) {
                read(c);
            }
        } catch (IOException e) {
            load.failed(e);
            close(c);
        }
    }

    private void read(Conn c) throws IOException {
        while (true) {
            buffer.clear();
            int n = c.channel.read(buffer);
            if (n < 0) {
                close(c);
                return;
            }
            if (n == 0) {
                return;
            }
            view.setIndex(0, n);
            c.walker.walk(view);
            if (n < READ_BUFFER) {
                return;
            }
        }
    }

    private void keepalives() {
        nextKeepalive += TimeUnit.SECONDS.toNanos(RawReader.KEEPALIVE_SECONDS);
        for (Conn c : new ArrayList<>(conns)) {
            try {
                write(c.channel, c.keepalive);
            } catch (IOException e) {
                close(c);
            }
        }
    }

    private void close(Conn c) {
        conns.remove(c);
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void closeAll() {
        for (Conn c : new ArrayList<>(conns)) {
            close(c);
        }
        for (SelectionKey k : selector.keys()) {
            try {
                k.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Closes every connection and stops the thread; waits for it. */
    void stop() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(30_000);
    }
}

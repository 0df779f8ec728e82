package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Shared test helpers: channels for each side, ways of feeding bytes, and a comparable snapshot of a
 * message. Every buffer is allocated from {@link ByteBufAllocator#DEFAULT} so that the strict leak detection
 * sees it.
 */
final class FoscTestSupport {

    static final FoscCredentials CREDS = FoscCredentials.of("admin", "s3cr3t-Pw");
    static final int UID = 0x12345678;
    static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    /** The SDK's preamble (docs/protocol.md §1.1), for tests that need one in front of frames. */
    static final String SDK_PREAMBLE =
            "SERVERPUSH / HTTP/1.1\r\nHost: 192.168.0.22:88\r\nAccept:*/*\r\nConnection: Close\r\n\r\n";
    /** An HTTP 200 block as some cameras send before the first frame. */
    static final String HTTP_200 = "HTTP/1.1 200 OK\r\nServer: Foscam IPCam\r\n\r\n";

    private FoscTestSupport() {
    }

    /** A new buffer from the default allocator holding {@code bytes}. */
    static ByteBuf buf(byte[] bytes) {
        return ALLOC.buffer(Math.max(bytes.length, 1)).writeBytes(bytes);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A fresh pattern of {@code n} bytes. */
    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 31);
        }
        return b;
    }

    /** A hand-assembled frame: u32 LE command, "FOSC", u32 LE length, payload. */
    static byte[] frame(long command, byte[] payload) {
        return frame(command, payload.length, payload);
    }

    /** A hand-assembled frame whose length field says {@code declared}. */
    static byte[] frame(long command, long declared, byte[] payload) {
        byte[] f = new byte[12 + payload.length];
        putIntLE(f, 0, command);
        f[4] = 'F';
        f[5] = 'O';
        f[6] = 'S';
        f[7] = 'C';
        putIntLE(f, 8, declared);
        System.arraycopy(payload, 0, f, 12, payload.length);
        return f;
    }

    static void putIntLE(byte[] b, int at, long v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    // ---- channels ----

    /** Which pipeline reads a stream. */
    enum Side {
        /** FoscFrameDecoder + FoscCodec, no preamble handling. */
        BARE,
        /** FoscPipelines.installClient with the preamble (its own preamble output is discarded). */
        CLIENT,
        /** FoscPipelines.installCamera with the preamble. */
        CAMERA;

        EmbeddedChannel newChannel() {
            return newChannel(FoscCodecOptions.DEFAULT);
        }

        EmbeddedChannel newChannel(FoscCodecOptions options) {
            switch (this) {
                case BARE:
                    return new EmbeddedChannel(new FoscFrameDecoder(options.maxPayloadLength(), false), new FoscCodec());
                case CLIENT:
                    EmbeddedChannel client = client(options);
                    ReferenceCountUtil.release(client.readOutbound()); // the preamble it wrote
                    return client;
                default:
                    return camera(options);
            }
        }
    }

    static EmbeddedChannel client(FoscCodecOptions options) {
        return new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                FoscPipelines.installClient(ch.pipeline(), options);
            }
        });
    }

    static EmbeddedChannel camera(FoscCodecOptions options) {
        return new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                FoscPipelines.installCamera(ch.pipeline(), options);
            }
        });
    }

    /** Writes {@code bytes} inbound in pieces cut at {@code cuts} (ascending offsets inside the array). */
    static void feed(EmbeddedChannel ch, byte[] bytes, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            ch.writeInbound(buf(java.util.Arrays.copyOfRange(bytes, from, cut)));
            from = cut;
        }
        ch.writeInbound(buf(java.util.Arrays.copyOfRange(bytes, from, bytes.length)));
    }

    /** Writes {@code bytes} inbound one byte at a time. */
    static void feedBytewise(EmbeddedChannel ch, byte[] bytes) {
        for (byte b : bytes) {
            ch.writeInbound(ALLOC.buffer(1).writeByte(b));
        }
    }

    /** Reads every inbound message, snapshots it (asserting it is a FoscMessage) and releases it. */
    static List<Snap> drainInbound(EmbeddedChannel ch) {
        List<Snap> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            try {
                out.add(snap(assertInstanceOf(FoscMessage.class, o)));
            } finally {
                ReferenceCountUtil.release(o);
            }
        }
        return out;
    }

    /** Reads every outbound buffer into one array, releasing them. */
    static byte[] drainOutbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            try {
                out.writeBytes(ByteBufUtil.getBytes(assertInstanceOf(ByteBuf.class, o)));
            } finally {
                ReferenceCountUtil.release(o);
            }
        }
        return out.toByteArray();
    }

    /** Encodes through {@link FoscFrames#encode(FoscMessage, ByteBufAllocator, List)} and releases {@code msg}. */
    static byte[] encodeAndRelease(FoscMessage msg) {
        List<Object> parts = new ArrayList<>();
        try {
            FoscFrames.encode(msg, ALLOC, parts);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Object part : parts) {
                out.writeBytes(ByteBufUtil.getBytes((ByteBuf) part));
            }
            return out.toByteArray();
        } finally {
            parts.forEach(ReferenceCountUtil::release);
            ReferenceCountUtil.release(msg);
        }
    }

    /** Closes the channel, asserting nothing was left in it. */
    static void assertFinished(EmbeddedChannel ch) {
        assertFalse(ch.finish(), "messages left in the channel");
    }

    /**
     * Runs {@code body} on a fresh thread and waits for it, rethrowing what it threw. Paranoid leak detection
     * records a stack trace on nearly every buffer access, and the cost grows with the stack's depth: a loop
     * of thousands of small decodes runs several times faster on a shallow stack than under JUnit's.
     */
    static void onShallowStack(Runnable body) throws Throwable {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "fosc-test-shallow");
        t.start();
        t.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    // ---- comparable snapshots ----

    /**
     * A comparable, buffer-free picture of a message: its type, command, length and either the message
     * itself (plain values) or its header and content bytes (holders), or the failure text (invalid).
     */
    record Snap(Class<?> type, long command, int length, Object value, String content) {
        @Override
        public String toString() {
            return type.getSimpleName() + "(" + command + ", " + length + ") " + value + (content == null ? ""
                    : " content=" + (content.length() > 80 ? content.substring(0, 80) + "..." : content));
        }
    }

    static Snap snap(FoscMessage m) {
        if (m instanceof ByteBufHolder) {
            Object value = m instanceof FoscMediaMessage ? ((FoscMediaMessage) m).header() : null;
            return new Snap(m.getClass(), m.command().id(), m.payloadLength(), value,
                    ByteBufUtil.hexDump(ByteBufUtil.getBytes(((ByteBufHolder) m).content()))); // one tracked access
        }
        if (m instanceof FoscInvalidMessage) {
            return new Snap(m.getClass(), m.command().id(), m.payloadLength(),
                    ((FoscInvalidMessage) m).cause().getMessage(), null);
        }
        return new Snap(m.getClass(), m.command().id(), m.payloadLength(), m, null);
    }

    /** Snapshots and releases each message. */
    static List<Snap> snapAndRelease(List<? extends FoscMessage> messages) {
        List<Snap> out = new ArrayList<>();
        for (FoscMessage m : messages) {
            try {
                out.add(snap(m));
            } finally {
                ReferenceCountUtil.release(m);
            }
        }
        return out;
    }

    static void assertSnaps(List<Snap> expected, List<Snap> actual, String how) {
        assertEquals(expected, actual, how);
    }
}

package dev.fosc.testkit;

import dev.fosc.codec.FoscAudioOn;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscDecodedForm;
import dev.fosc.codec.FoscFrames;
import dev.fosc.codec.FoscLogin;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscVideoOn;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ReferenceCountUtil;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * A deliberately plain FOSC client for the testkit's tests: a blocking {@link Socket}, hand-written frame
 * reading, the codec only to encode requests and describe replies. Not fosc-client (the fake must not share
 * the client's code).
 */
final class TestClient implements AutoCloseable {

    static final String PREAMBLE = "SERVERPUSH / HTTP/1.1\r\nHost: 127.0.0.1:88\r\nAccept:*/*\r\nConnection: Close\r\n\r\n";
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false, true);

    /** A frame as read from the socket. */
    record Frame(long command, byte[] payload) {
        int u32(int offset) {
            return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
        }

        long u64(int offset) {
            return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
        }

        /** The decoded form, through the codec (buffers released). */
        Map<String, Object> decoded() {
            ByteBuf frame = Unpooled.buffer(12 + payload.length);
            FoscFrames.writeHeader(frame, FoscCommand.valueOf(command), payload.length);
            frame.writeBytes(payload);
            FoscMessage m = FoscFrames.decode(frame);
            try {
                return FoscDecodedForm.of(m);
            } finally {
                ReferenceCountUtil.release(m);
                frame.release();
            }
        }

        /** The H.264 data of a VIDEO_DATA frame (after the 36-byte media header). */
        byte[] mediaData() {
            return Arrays.copyOfRange(payload, 36, payload.length);
        }

        @Override
        public String toString() {
            return "Frame[" + command + ", " + payload.length + " bytes]";
        }
    }

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and sends the SDK's preamble. */
    static TestClient connect(FakeCamera camera) throws IOException {
        TestClient c = connectRaw(camera);
        c.sendRaw(PREAMBLE.getBytes(StandardCharsets.US_ASCII));
        return c;
    }

    /** Connects without sending anything. */
    static TestClient connectRaw(FakeCamera camera) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(camera.host(), camera.port()), (int) TIMEOUT.toMillis());
        return new TestClient(s);
    }

    /** The bytes of {@code msg} as a frame (the message is released). */
    static byte[] encode(FoscMessage msg) {
        ByteBuf buf = FoscFrames.encode(msg, ALLOC);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
            ReferenceCountUtil.release(msg);
        }
    }

    /** A raw frame: any command, any payload. */
    static byte[] rawFrame(long command, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) command).order(ByteOrder.BIG_ENDIAN).putInt(FoscFrames.MAGIC).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(payload.length).put(payload);
        return b.array();
    }

    TestClient send(FoscMessage msg) throws IOException {
        return sendRaw(encode(msg));
    }

    TestClient sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    TestClient login(FakeCamera camera, int uid) throws IOException {
        return send(new FoscLogin(camera.credentials(), uid, 0));
    }

    TestClient login(String user, String password, int uid) throws IOException {
        return send(new FoscLogin(FoscCredentials.of(user, password), uid, 0));
    }

    TestClient videoOn(FakeCamera camera, int stream, int uid) throws IOException {
        return send(new FoscVideoOn(stream, camera.credentials(), uid));
    }

    TestClient audioOn(FakeCamera camera, int stream) throws IOException {
        return send(new FoscAudioOn(stream, camera.credentials()));
    }

    /** Reads the next frame. */
    Frame read() throws IOException {
        byte[] header = new byte[12];
        in.readFully(header);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long command = Integer.toUnsignedLong(h.getInt(0));
        int magic = ByteBuffer.wrap(header).getInt(4);
        if (magic != FoscFrames.MAGIC) {
            throw new IOException(String.format("bad magic 0x%08x", magic));
        }
        long length = Integer.toUnsignedLong(h.getInt(8));
        if (length > 8 * 1024 * 1024) {
            throw new IOException("oversized length " + length);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(command, payload);
    }

    /** Reads frames until one of {@code command} arrives (others are skipped). */
    Frame readUntil(FoscCommand command) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Frame f = read();
            if (f.command() == command.id()) {
                return f;
            }
        }
        throw new SocketTimeoutException("no " + command + " within " + TIMEOUT);
    }

    /** Reads exactly {@code n} raw bytes. */
    byte[] readBytes(int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** Reads (and drops) everything until the camera closes; true if it closed (FIN or reset) in time. */
    boolean awaitClosed(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] buf = new byte[64 * 1024];
        try {
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException | EOFException e) {
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout((int) TIMEOUT.toMillis());
            }
        }
    }

    /** How the camera closed: "reset" for an RST, "fin" for a normal close, "open" if still open at timeout. */
    String closeKind(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] buf = new byte[64 * 1024];
        try {
            while (true) {
                if (in.read(buf) < 0) {
                    return "fin";
                }
            }
        } catch (SocketTimeoutException e) {
            return "open";
        } catch (SocketException e) {
            return "reset";
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

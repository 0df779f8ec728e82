package dev.fosc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fake-camera} through picocli, as the fosc command line runs it. */
class FakeCameraCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):([0-9]+)");

    /** The command running on a thread, with its output captured. */
    private static final class Running implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;

        Running(String... args) {
            this(new FakeCameraCommand(), args);
        }

        Running(FakeCameraCommand command, String... args) {
            CommandLine cmd = new CommandLine(command);
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            thread = new Thread(() -> exit.set(cmd.execute(args)), "fake-camera-command");
            thread.start();
        }

        List<InetSocketAddress> awaitListening(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                List<InetSocketAddress> found = new ArrayList<>();
                Matcher m = LISTENING.matcher(out.toString());
                while (m.find()) {
                    found.add(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))));
                }
                if (found.size() >= count) {
                    return found;
                }
                if (!thread.isAlive()) {
                    throw new AssertionError("the command ended: exit " + exit.get() + ", out: " + out + ", err: "
                            + err);
                }
                Thread.sleep(10);
            }
            throw new AssertionError("no 'listening on' line: out: " + out + ", err: " + err);
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    private static byte[] frame(int command, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(command).put("FOSC".getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload);
        return b.array();
    }

    private static byte[] login(String user, String password) {
        ByteBuffer p = ByteBuffer.allocate(164).order(ByteOrder.LITTLE_ENDIAN);
        p.put(0, user.getBytes(StandardCharsets.UTF_8)).put(64, password.getBytes(StandardCharsets.UTF_8));
        p.putInt(128, 1234);
        return frame(12, p.array());
    }

    /** Logs in over a plain socket and returns LOGIN_REPLY's result (-1 for an empty refusal). */
    private static int loginResult(InetSocketAddress address, String user, String password) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(address, 5000);
            s.setSoTimeout(5000);
            OutputStream o = s.getOutputStream();
            o.write(("SERVERPUSH / HTTP/1.1\r\nHost: x\r\nAccept:*/*\r\nConnection: Close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            o.write(login(user, password));
            o.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            while (true) {
                byte[] h = new byte[12];
                in.readFully(h);
                ByteBuffer hb = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
                byte[] payload = new byte[hb.getInt(8)];
                in.readFully(payload);
                if (hb.getInt(0) == 100) {
                    return payload.length == 0 ? -1 : ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
                }
            }
        }
    }

    @Test
    void runsOneCameraAndPrintsWhereItListens() throws Exception {
        try (Running r = new Running("--port", "0", "--user", "u", "--password", "topsecret", "--profile", "r2c",
                "--idle-timeout", "30s", "--motion-every", "5s", "--fps", "10")) {
            List<InetSocketAddress> addresses = r.awaitListening(1);
            assertEquals(1, addresses.size());
            assertEquals(0, loginResult(addresses.get(0), "u", "topsecret"));
            assertEquals(1, loginResult(addresses.get(0), "u", "wrong"), "an R2C refuses with result 1");
            assertFalse(r.out.toString().contains("topsecret"));
            assertFalse(r.err.toString().contains("topsecret"));
            r.close();
            assertEquals(0, r.exit.get());
        }
    }

    @Test
    void runsAFleetOnConsecutivePorts() throws Exception {
        int base;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            base = probe.getLocalPort();
        }
        base = Math.min(base, 65000);
        try (Running r = new Running("--port", String.valueOf(base), "--cameras", "3", "--password", "pw")) {
            List<InetSocketAddress> addresses;
            try {
                addresses = r.awaitListening(3);
            } catch (AssertionError e) {
                // a port of the range was taken by someone else: not this test's concern
                // (the command says "port N is already in use"; the assertion above names what did arrive)
                assertTrue(r.err.toString().contains("already in use"), e.getMessage() + "; stderr: " + r.err);
                return;
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(base + i, addresses.get(i).getPort());
                assertEquals(0, loginResult(addresses.get(i), "admin", "pw"));
            }
        }
    }

    @Test
    void aMissingH264FileIsAnError() {
        CommandLine cmd = CliTestSupport.withHandlers(new FakeCameraCommand());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(2, cmd.execute("--h264", "/nonexistent/clip.h264", "--password", "hidden"));
        assertTrue(err.toString().contains("the H.264 file /nonexistent/clip.h264 cannot be read"), err.toString());
        assertFalse(err.toString().contains("hidden"));
    }

    @Test
    void durationsParse() {
        dev.fosc.cli.record.DurationConverter c = new dev.fosc.cli.record.DurationConverter();
        assertEquals(Duration.ofMillis(500), c.convert("500ms"));
        assertEquals(Duration.ofSeconds(60), c.convert("60s"));
        assertEquals(Duration.ofMinutes(2), c.convert("2m"));
        assertEquals(Duration.ofSeconds(5), c.convert("PT5S"));
    }

    @Test
    void anUnknownProfileIsAUsageError() {
        CommandLine cmd = CliTestSupport.withHandlers(new FakeCameraCommand());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        assertEquals(2, cmd.execute("--profile", "nope"));
        assertTrue(err.toString().contains("r2c"), err.toString());
    }

    @Test
    void thePasswordCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-the-file\nsecond line ignored\n");
        try (Running r = new Running("--password-file", file.toString())) {
            InetSocketAddress address = r.awaitListening(1).get(0);
            assertEquals(0, loginResult(address, "admin", "from-the-file"));
            assertEquals(-1, loginResult(address, "admin", ""), "the default empty password no longer works");
            assertFalse(r.out.toString().contains("from-the-file"));
            assertFalse(r.err.toString().contains("from-the-file"));
        }
    }

    @Test
    void thePasswordCanComeFromTheEnvironment() throws Exception {
        FakeCameraCommand command = new FakeCameraCommand().env(Map.of("FOSC_PASSWORD", "from-the-env"));
        try (Running r = new Running(command)) {
            InetSocketAddress address = r.awaitListening(1).get(0);
            assertEquals(0, loginResult(address, "admin", "from-the-env"));
            assertFalse(r.out.toString().contains("from-the-env"));
            assertFalse(r.err.toString().contains("from-the-env"));
        }
    }

    @Test
    void withoutAnyPasswordSourceThePasswordIsEmpty() throws Exception {
        try (Running r = new Running(new FakeCameraCommand().env(Map.of()))) {
            assertEquals(0, loginResult(r.awaitListening(1).get(0), "admin", ""));
        }
    }

    @Test
    void aPasswordAndAPasswordFileTogetherAreAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "x");
        CommandLine cmd = CliTestSupport.withHandlers(new FakeCameraCommand());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(2, cmd.execute("--password", "hidden", "--password-file", file.toString()));
        assertTrue(err.toString().contains("not both"), err.toString());
        assertFalse(err.toString().contains("hidden"));
        assertEquals(2, cmd.execute("--password-file", dir.resolve("missing").toString()));
        assertTrue(err.toString().contains("password file") && err.toString().contains("cannot be read: no such file"), err.toString());
    }

    @Test
    void aVideoBitRateClientsWouldRefuseIsAnError() {
        CommandLine cmd = CliTestSupport.withHandlers(new FakeCameraCommand());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(2, cmd.execute("--fps", "1", "--video-bitrate", "40000000"));
        assertTrue(err.toString().contains("bit/s"), err.toString());
    }
}

package dev.fosc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage errors are short, failures are one sentence with the cause, exit codes are as documented. */
class UsageAndErrorsTest {

    @TempDir
    Path tmp;

    private static void assertOneSentence(CliTestSupport.Result r) {
        assertEquals(1, r.err().lines().count(), r.toString());
        for (String leak : new String[] {"Exception", "finishConnect", "recvAddress", "\tat ", "queries"}) {
            assertFalse(r.err().contains(leak), "'" + leak + "' in " + r.err());
        }
    }

    @Test
    void aUsageErrorIsOneLineAndAHintNotTheWholeUsage() {
        CliTestSupport.Result r = CliTestSupport.run("record", "--host", "127.0.0.1", "--out", tmp.toString(),
                "--port", "eighty");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().lines().count() <= 3, r.err());
        assertTrue(r.err().contains("'eighty'"), r.err());
        assertTrue(r.err().contains("Try 'fosc record --help'"), r.err());
    }

    @Test
    void anUnknownOptionSuggestsAndStaysShort() {
        CliTestSupport.Result r = CliTestSupport.run("record", "--host", "127.0.0.1", "--out", tmp.toString(),
                "--duraton", "5s");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().lines().count() <= 3, r.err());
        assertTrue(r.err().contains("--duration"), r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        CliTestSupport.Result r = CliTestSupport.run();
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().lines().count() <= 3, r.err());
        assertTrue(r.err().contains("fosc --help"), r.err());
    }

    @Test
    void anUnknownHostIsNoSuchHostExitFour() {
        CliTestSupport.Result r = CliTestSupport.run("record", "--host", "no-such-camera.invalid", "--password", "pw",
                "--out", tmp.resolve("x").toString(), "--duration", "1s");
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().contains("no such host"), r.err());
        assertOneSentence(r);
    }

    @Test
    void aMissingPasswordFileSaysSoInWords() {
        CliTestSupport.Result r = CliTestSupport.run("record", "--host", "127.0.0.1", "--password-file",
                tmp.resolve("missing").toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("cannot be read: no such file or directory"), r.err());
        assertFalse(r.err().contains("NoSuchFile"), r.err());
    }

    @Test
    void anOutputDirectoryThatCannotBeCreatedSaysWhy() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        try (ServerSocket closedPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliTestSupport.Result r = CliTestSupport.run(Map.of("FOSC_PASSWORD", "pw"), "record", "--host",
                    "127.0.0.1", "--port", String.valueOf(closedPort.getLocalPort()), "--out",
                    file.resolve("sub").toString());
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("output directory " + file.resolve("sub") + " cannot be created: "), r.err());
            assertOneSentence(r);
        }
    }

    @Test
    void aBusyPortIsSaidInWords() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliTestSupport.Result r = CliTestSupport.run("fake-camera", "--port", String.valueOf(busy.getLocalPort()));
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.err().contains("port " + busy.getLocalPort() + " is already in use"), r.err());
            assertOneSentence(r);
        }
    }

    @Test
    void anUnknownFakeCameraProfileListsTheValidOnes() {
        CliTestSupport.Result r = CliTestSupport.run("fake-camera", "--profile", "foo");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("unknown camera profile 'foo'; valid: fi9821w-v2, r2c, c1-v3"), r.err());
        assertFalse(r.err().contains("IllegalArgumentException"), r.err());
    }

    @Test
    void helpAndVersionWork() {
        CliTestSupport.Result help = CliTestSupport.run("help", "record");
        assertEquals(0, help.exit(), help.toString());
        assertTrue(help.out().contains("Usage: fosc record"), help.out());
        assertTrue(help.out().contains("143"), "exit codes in --help: " + help.out());
        assertTrue(help.out().contains("  fosc record --host 192.168.1.20 --out cam1 --audio --duration 30s"),
                "the example is on one line: " + help.out());
        CliTestSupport.Result demo = CliTestSupport.run("demo", "--help");
        assertTrue(demo.out().contains("Usage: fosc demo"), demo.out());
        CliTestSupport.Result version = CliTestSupport.run("--version");
        assertEquals(0, version.exit());
        assertFalse(version.out().isBlank());
    }
}

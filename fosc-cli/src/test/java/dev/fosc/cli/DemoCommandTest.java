package dev.fosc.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fosc demo} end to end: fake camera, client session, a reset half-way, a refused login. */
class DemoCommandTest {

    @Test
    void demoStreamsHealsAndNeverRetriesARefusedLogin() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(new DemoCommand(out)).execute("--seconds", "3", "--profile", "c1-v3");
        String text = buffer.toString(StandardCharsets.UTF_8);

        assertEquals(0, exit, text);
        assertTrue(text.contains("logged in: camera id "), text);
        assertTrue(text.contains("reconnects: 1"), text);
        assertTrue(text.contains("client profile auto, quirks FoscQuirks[speakerOnLength=160, videoOnStreamByte=stream"
                + " (learned)"), text);
        assertTrue(text.contains("wrong password: refused, login attempts seen by the camera: 1"), text);
        assertTrue(text.contains("demo ok"), text);
    }

    @Test
    void demoIsRegisteredInTheFoscCommand() {
        assertTrue(FoscCli.commandLine().getSubcommands().keySet()
                .containsAll(java.util.List.of("decode", "fake-camera", "record", "demo")));
    }
}

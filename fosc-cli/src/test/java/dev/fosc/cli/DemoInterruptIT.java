package dev.fosc.cli;

import dev.fosc.cli.record.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C (SIGINT) on {@code fosc demo} in its own JVM: the files are finished, then the exit code is 130. */
class DemoInterruptIT {

    @TempDir
    Path tmp;

    @Test
    void sigintFinishesTheFilesAndExits130() throws Exception {
        Path out = tmp.resolve("fosc-demo");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A build started in the background by a shell without job control (a CI runner, `cmd &`) runs with SIGINT
        // ignored, and an ignored signal stays ignored across fork and exec: the JVM then never sees Ctrl-C. perl
        // (Debian's perl-base is essential) puts SIGINT back to its default before it execs the demo's JVM, so the
        // test checks the demo, not how the build was started.
        Process p = new ProcessBuilder(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                java, "-cp", System.getProperty("java.class.path"),
                FoscCli.class.getName(), "demo", "--duration", "60s", "--out", out.toString()))
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.startsWith("Talk: ")) {
                    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start();
                    assertEquals(0, kill.waitFor(), "kill -INT");
                }
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the demo did not end:\n" + output);
        } finally {
            p.destroyForcibly();
        }
        assertEquals(130, p.exitValue(), output.toString());
        assertTrue(output.toString().contains("Stopped after"), output.toString());
        String session = Files.readString(out.resolve(Recorder.SESSION_FILE));
        assertTrue(session.contains("\"outcome\" : \"stopped\""), session);
        assertTrue(CliTestSupport.probeVideo(out.resolve(Recorder.VIDEO_FILE))[0] > 0, "the video decodes");
    }
}

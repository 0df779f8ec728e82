package dev.fosc.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ffmpeg and ffprobe for the tests: a started process, its combined output, its exit code. */
final class Tools {

    private Tools() {
    }

    /** Starts {@code cmd} with stdout and stderr merged into {@code log}. */
    static Process start(Path log, String... cmd) throws IOException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for {@code p} (at most {@code seconds}, then kills it) and returns its exit code. */
    static int await(Process p, int seconds) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("a process did not finish within " + seconds + " s: " + p.info().commandLine());
        }
        return p.exitValue();
    }

    /** Runs {@code cmd} to its end (at most 60 s) and returns its output; fails on a non-zero exit. */
    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        int code = await(p, 60);
        String text = new String(out, StandardCharsets.UTF_8);
        if (code != 0) {
            throw new AssertionError(Arrays.toString(cmd) + " exited with " + code + ":\n" + text);
        }
        return text;
    }

    /** {@code ffmpeg} copying {@code seconds} of {@code url} over RTSP/TCP into {@code out} (Matroska). */
    static List<String> record(String url, int seconds, Path out) {
        return new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "warning", "-rtsp_transport", "tcp",
                "-i", url, "-t", String.valueOf(seconds), "-c", "copy", out.toString()));
    }
}

package dev.fosc.cli;

import dev.fosc.cli.common.ExecutionErrorHandler;
import dev.fosc.cli.common.UsageErrorHandler;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@code fosc} commands in-process and checks their files with ffprobe. */
public final class CliTestSupport {

    private CliTestSupport() {
    }

    /** What a command did. */
    public record Result(int exit, String out, String err) {
        /** Fails if {@code secret} is in either output. */
        public void assertHides(String secret) {
            assertFalse(out.contains(secret) || err.contains(secret), "'" + secret + "' leaked:\n" + out + err);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** Runs {@code fosc ARGS} with an empty environment. */
    public static Result run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@code fosc ARGS} with {@code env} as the environment. */
    public static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FoscCli.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** A command line for {@code command} with the handlers {@code fosc} uses (short usage errors, exit codes). */
    public static CommandLine withHandlers(Object command) {
        return new CommandLine(command).setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionExceptionHandler(new ExecutionErrorHandler()).setAllowOptionsAsOptionParameters(true);
    }

    /** ffprobe's output for {@code args} (fails if ffprobe does). */
    public static String ffprobe(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "ffprobe failed: " + output);
        return output.trim();
    }

    /** {@code [frames, width, height]} of a raw H.264 file, decoded by ffprobe. */
    public static long[] probeVideo(Path file) throws Exception {
        String[] v = ffprobe("-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=nb_read_frames,width,height", "-of", "csv=p=0", file.toString()).split(",");
        return new long[] {Long.parseLong(v[2].trim()), Long.parseLong(v[0].trim()), Long.parseLong(v[1].trim())};
    }

    /** The duration of a WAV file by ffprobe, in milliseconds. */
    public static long probeAudioMillis(Path file) throws Exception {
        String d = ffprobe("-show_entries", "format=duration", "-of", "csv=p=0", file.toString());
        return Math.round(Double.parseDouble(d) * 1000);
    }

    /** The PCM data of a 44-byte-header WAV file. */
    public static byte[] wavData(Path file) throws IOException {
        byte[] wav = Files.readAllBytes(file);
        int size = ByteBuffer.wrap(wav, 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] data = new byte[size];
        System.arraycopy(wav, 44, data, 0, size);
        return data;
    }
}

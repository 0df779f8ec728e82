package dev.fosc.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Cross-check of the G.726-16k coder against ffmpeg's {@code g726} codec (same bit order: oldest code in
 * the top bits), run as an external process in a temporary directory.
 *
 * <p>A speech-like test signal of about 4 s is coded four ways: ffmpeg encode → ffmpeg decode (the
 * reference), our encode → ffmpeg decode, ffmpeg encode → our decode, and ours → ours. The SNR of each
 * mixed pair must come within 1 dB of ffmpeg against itself. This cannot see a small state-update error;
 * bit-exactness is checked against spandsp in {@link G726SpandspIT}.
 *
 * <p><b>Continuous stream:</b> ffmpeg does not reset the coder state per 120-byte block as the camera
 * format does, so this cross-check codes one continuous stream with {@link G726Encoder#encodeSample(int)}
 * and {@link G726Decoder#decodeSample(int)} (reset only at the start). The SNR of the per-block-reset form
 * ({@link G726Encoder#encode(byte[])} → {@link G726Decoder#decode(byte[])}) is printed for information.
 *
 * <p>ffmpeg must be installed ({@code apt-get install ffmpeg}); without it this test fails rather than
 * skips.
 */
class G726FfmpegIT {

    private static final int SAMPLES = 480 * 67; // 4.02 s, a whole number of camera blocks
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void snrComesWithinOneDbOfFfmpegAgainstItself() throws Exception {
        String ffmpeg = findFfmpeg();
        short[] signal = G726Test.speechLike(SAMPLES, 0x1726L);
        Files.write(dir.resolve("in.pcm"), G726Test.toLe(signal));

        // ffmpeg -> ffmpeg
        run(ffmpeg, "-f", "s16le", "-ar", "8000", "-ac", "1", "-i", "in.pcm",
                "-c:a", "g726", "-b:a", "16k", "-f", "g726", "ffmpeg.g726");
        byte[] ffmpegCoded = Files.readAllBytes(dir.resolve("ffmpeg.g726"));
        assertEquals(SAMPLES / 4, ffmpegCoded.length, "ffmpeg should write 2 bits per sample");
        short[] ffmpegFfmpeg = ffmpegDecode(ffmpeg, "ffmpeg.g726", "ffmpeg-ffmpeg.pcm");

        // ours -> ffmpeg
        int[] ourCodes = G726Test.encodeContinuous(signal);
        Files.write(dir.resolve("ours.g726"), G726Test.pack(ourCodes));
        short[] oursFfmpeg = ffmpegDecode(ffmpeg, "ours.g726", "ours-ffmpeg.pcm");

        // ffmpeg -> ours, ours -> ours
        int[] ffmpegCodes = G726Test.unpack(ffmpegCoded);
        short[] ffmpegOurs = G726Test.decodeContinuous(ffmpegCodes);
        short[] oursOurs = G726Test.decodeContinuous(ourCodes);
        short[] perBlock = G726Test.fromLe(
                new G726Decoder().decode(new G726Encoder().encode(G726Test.toLe(signal))));

        double snrReference = G726Test.snrDb(signal, ffmpegFfmpeg);
        double snrOursToFfmpeg = G726Test.snrDb(signal, oursFfmpeg);
        double snrFfmpegToOurs = G726Test.snrDb(signal, ffmpegOurs);
        double snrOurs = G726Test.snrDb(signal, oursOurs);
        double snrPerBlock = G726Test.snrDb(signal, perBlock);
        int sameCodes = 0;
        for (int i = 0; i < SAMPLES; i++) {
            if (ourCodes[i] == ffmpegCodes[i]) {
                sameCodes++;
            }
        }
        System.out.printf("G.726-16k SNR over %.2f s of a speech-like signal (continuous stream):%n"
                        + "  ffmpeg encode -> ffmpeg decode: %6.2f dB (reference)%n"
                        + "  our encode    -> ffmpeg decode: %6.2f dB%n"
                        + "  ffmpeg encode -> our decode   : %6.2f dB%n"
                        + "  our encode    -> our decode   : %6.2f dB%n"
                        + "  ours with the per-block reset : %6.2f dB (camera framing, for information)%n"
                        + "  codes equal to ffmpeg's       : %6.2f %%%n",
                SAMPLES / 8000.0, snrReference, snrOursToFfmpeg, snrFfmpegToOurs, snrOurs, snrPerBlock,
                100.0 * sameCodes / SAMPLES);

        assertTrue(Math.abs(snrOursToFfmpeg - snrReference) <= 1.0,
                "our encode -> ffmpeg decode: " + snrOursToFfmpeg + " dB vs ffmpeg itself " + snrReference + " dB");
        assertTrue(Math.abs(snrFfmpegToOurs - snrReference) <= 1.0,
                "ffmpeg encode -> our decode: " + snrFfmpegToOurs + " dB vs ffmpeg itself " + snrReference + " dB");
    }

    private short[] ffmpegDecode(String ffmpeg, String in, String out) throws Exception {
        run(ffmpeg, "-f", "g726", "-code_size", "2", "-sample_rate", "8000", "-i", in,
                "-f", "s16le", "-ac", "1", "-ar", "8000", out);
        short[] decoded = G726Test.fromLe(Files.readAllBytes(dir.resolve(out)));
        assertEquals(SAMPLES, decoded.length, "ffmpeg decoded sample count of " + in);
        return decoded;
    }

    private void run(String ffmpeg, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ffmpeg);
        command.add("-hide_banner");
        command.add("-nostdin");
        command.add("-y");
        command.add("-loglevel");
        command.add("error");
        command.addAll(List.of(args));
        Path stderr = dir.resolve("ffmpeg-stderr.txt");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("ffmpeg-stdout.txt").toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            fail("ffmpeg did not finish within " + TIMEOUT_SECONDS + " s: " + command + "\n" + read(stderr));
        }
        if (process.exitValue() != 0) {
            fail("ffmpeg exited with " + process.exitValue() + ": " + command + "\n" + read(stderr));
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** ffmpeg from the PATH or /usr/bin; fails (does not skip) when it is missing. */
    private static String findFfmpeg() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    Path candidate = Path.of(entry, "ffmpeg");
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return candidate.toString();
                    }
                }
            }
        }
        Path usrBin = Path.of("/usr/bin/ffmpeg");
        if (Files.isExecutable(usrBin)) {
            return usrBin.toString();
        }
        return fail("ffmpeg not found on the PATH or at /usr/bin/ffmpeg: install ffmpeg (e.g. apt-get install"
                + " ffmpeg) to run the G.726 cross-check; this test fails rather than skips without it");
    }
}

package dev.fosc.codec;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bit-exactness of the G.726-16k coder against spandsp's G.726, which passes the ITU-T test vectors.
 * {@code src/test/c/g726_ref.c} is compiled with {@code cc ... -lspandsp} into {@code target/} and run on
 * the same input as our coder, in the camera's framing (docs/protocol.md §5): four codes per byte, the oldest
 * in the top bits (spandsp's {@code G726_PACKING_LEFT}), 16-bit linear interworking
 * ({@code G726_ENCODING_LINEAR}), a fresh coder for every 120-byte block.
 *
 * <ul>
 *   <li>encoder: our G.726 bytes must equal spandsp's, byte for byte, for signals that reach every
 *       branch (speech-like, silence, full-scale square and noise, tones, steps, single impulses);</li>
 *   <li>decoder: our reconstruction must equal spandsp's, sample for sample, for spandsp's own codes and
 *       for random bytes (every code sequence); our output is that reconstruction saturated to 16 bits,
 *       where spandsp lets an overloaded sample wrap around (see {@code compareDecoders}).</li>
 * </ul>
 * A difference fails with the first differing sample (block, index in block, codes, values).
 *
 * <p>Needs a C compiler ({@code cc}) and spandsp ({@code apt-get install libspandsp-dev}). Without them the
 * test is skipped with a message, unless the environment variable {@code FOSC_REQUIRE_SPANDSP=true} (or
 * {@code -Dfosc.require.spandsp=true}) is set, as {@code .ci/run} does: then it fails.
 */
class G726SpandspIT {

    private static final int BLOCK_SAMPLES = 480;
    private static final long TIMEOUT_SECONDS = 120;

    private static Path tool;
    /** Why the reference could not be built, when it could not (and it is not required). */
    private static String unavailable;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildReference() throws Exception {
        Path source = Path.of("src", "test", "c", "g726_ref.c").toAbsolutePath();
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        Path exe = target.resolve("g726_ref");
        String cc = onPath("cc");
        if (cc == null) {
            unavailable("no C compiler: `cc` is not on the PATH (apt-get install gcc)");
            return;
        }
        Path log = target.resolve("g726_ref-build.txt");
        Result r = exec(target, log, cc, "-O2", "-Wall", "-o", exe.toString(), source.toString(), "-lspandsp");
        if (r.exit != 0) {
            unavailable("cannot build " + source + " against spandsp (apt-get install libspandsp-dev): "
                    + r.output.strip());
            return;
        }
        tool = exe;
    }

    private static void unavailable(String why) {
        boolean required = Boolean.getBoolean("fosc.require.spandsp")
                || "true".equalsIgnoreCase(System.getenv("FOSC_REQUIRE_SPANDSP"));
        if (required) {
            fail(why + " — required here (FOSC_REQUIRE_SPANDSP / fosc.require.spandsp), so this fails, not skips");
        }
        unavailable = "G.726 bit-exactness check skipped: " + why;
        System.err.println(unavailable);
    }

    /** Skips each test, with the reason, when the reference could not be built (so each shows as skipped). */
    @BeforeEach
    void needsTheReference() {
        Assumptions.assumeTrue(tool != null, () -> unavailable);
    }

    // ---- signals ----

    private static short[] signals() {
        List<short[]> parts = new ArrayList<>();
        parts.add(G726Test.speechLike(BLOCK_SAMPLES * 40, 0x1726L));
        parts.add(G726Test.speechLike(BLOCK_SAMPLES * 10, 42L));
        parts.add(new short[BLOCK_SAMPLES * 2]); // silence
        Random r = new Random(0x5A4D);
        short[] noise = new short[BLOCK_SAMPLES * 10];
        for (int i = 0; i < noise.length; i++) {
            int scale = 1 << (i / BLOCK_SAMPLES + 6); // 64 .. 32768: quiet to full scale
            noise[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, (r.nextInt(2 * scale) - scale)));
        }
        parts.add(noise);
        short[] square = new short[BLOCK_SAMPLES * 4];
        for (int i = 0; i < square.length; i++) {
            int period = 2 + 2 * (i / BLOCK_SAMPLES) * 3;
            square[i] = (i / (period / 2)) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        parts.add(square);
        short[] tones = new short[BLOCK_SAMPLES * 8];
        double[] hz = {200, 440, 1000, 2000, 3000, 3900, 1500, 60};
        for (int i = 0; i < tones.length; i++) {
            double amplitude = (i / BLOCK_SAMPLES) % 2 == 0 ? 30000 : 1000;
            tones[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz[i / BLOCK_SAMPLES] * i / 8000.0));
        }
        parts.add(tones);
        short[] steps = new short[BLOCK_SAMPLES * 4];
        for (int i = 0; i < steps.length; i++) {
            int b = i / BLOCK_SAMPLES;
            int k = i % BLOCK_SAMPLES;
            steps[i] = switch (b) {
                case 0 -> (short) (k < 240 ? 0 : 20000);       // a step
                case 1 -> (short) (k == 100 ? 32767 : 0);      // one positive impulse
                case 2 -> (short) (k == 100 ? -32768 : 0);     // one negative impulse
                default -> (short) (k % 3 == 0 ? -4 : 3);      // tiny values around the 14-bit cut
            };
        }
        parts.add(steps);
        int total = parts.stream().mapToInt(p -> p.length).sum();
        short[] all = new short[total];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    // ---- the checks ----

    @Test
    void encoderIsBitExactWithSpandsp() throws Exception {
        byte[] pcm = G726Test.toLe(signals());
        byte[] reference = spandsp("encode", pcm);
        byte[] ours = new G726Encoder().encode(pcm);
        assertEquals(reference.length, ours.length, "G.726 length");
        int[] refCodes = G726Test.unpack(reference);
        int[] ourCodes = G726Test.unpack(ours);
        short[] in = G726Test.fromLe(pcm);
        int differing = 0;
        int first = -1;
        for (int i = 0; i < refCodes.length; i++) {
            if (refCodes[i] != ourCodes[i]) {
                differing++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (first >= 0) {
            fail(String.format("encoder differs from spandsp on %d of %d codes; the first at sample %d (block %d,"
                            + " sample %d of the block): input %d, spandsp code %d, our code %d", differing,
                    refCodes.length, first, first / BLOCK_SAMPLES, first % BLOCK_SAMPLES, in[first],
                    refCodes[first], ourCodes[first]));
        }
        System.out.printf("G.726-16k encoder: %d codes (%d blocks) equal to spandsp's%n", refCodes.length,
                refCodes.length / BLOCK_SAMPLES);
    }

    @Test
    void decoderIsBitExactWithSpandspOnItsCodes() throws Exception {
        byte[] g726 = spandsp("encode", G726Test.toLe(signals()));
        compareDecoders("spandsp's codes of the test signals", g726);
    }

    @Test
    void decoderIsBitExactWithSpandspOnRandomCodes() throws Exception {
        byte[] g726 = new byte[G726Decoder.G726_BLOCK_BYTES * 200];
        Random r = new Random(0xC0DE5);
        r.nextBytes(g726);
        // some blocks of one repeated code: drives the scale factor and predictor to their limits
        for (int b = 0; b < 8; b++) {
            byte fill = (byte) (b < 4 ? b * 0x55 : (b == 4 ? 0x44 : b == 5 ? 0xEE : b == 6 ? 0x4E : 0x1B));
            for (int i = 0; i < G726Decoder.G726_BLOCK_BYTES; i++) {
                g726[b * G726Decoder.G726_BLOCK_BYTES + i] = fill;
            }
        }
        compareDecoders("random codes", g726);
    }

    /**
     * Two comparisons per sample. The reconstruction {@code sr} (14-bit scale) must be bit-exact: spandsp
     * returns it as {@code (int16_t) (sr << 2)}, which wraps around when an overloaded reconstruction goes
     * past 16 bits, so {@code (short) (sr << 2)} must equal spandsp's sample everywhere. Our decoder's output
     * must then be {@code sr << 2} saturated to 16 bits: the one place where we differ from spandsp on
     * purpose (a wrap turns an overload into a full-scale click of the opposite sign).
     */
    private void compareDecoders(String what, byte[] g726) throws Exception {
        short[] reference = G726Test.fromLe(spandsp("decode", g726));
        short[] ours = G726Test.fromLe(new G726Decoder().decode(g726));
        assertEquals(reference.length, ours.length, "sample count");
        int[] codes = G726Test.unpack(g726);
        int[] sr = new int[codes.length];
        G726State state = new G726State();
        for (int i = 0; i < codes.length; i++) {
            if (i % BLOCK_SAMPLES == 0) {
                state.reset(); // the camera framing: a fresh coder per block, as g726_ref does
            }
            sr[i] = state.decode(codes[i]);
        }
        int differing = 0;
        int first = -1;
        int saturated = 0;
        for (int i = 0; i < reference.length; i++) {
            int scaled = sr[i] << 2;
            int expectedOurs = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, scaled));
            if (expectedOurs != scaled) {
                saturated++;
            }
            if (reference[i] != (short) scaled || ours[i] != expectedOurs) {
                differing++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (first >= 0) {
            StringBuilder context = new StringBuilder();
            for (int i = Math.max(first - first % BLOCK_SAMPLES, first - 3); i <= Math.min(ours.length - 1, first + 3);
                    i++) {
                context.append(String.format("%n  sample %d: code %d, spandsp %d, our sr<<2 %d, our output %d", i,
                        codes[i], reference[i], sr[i] << 2, ours[i]));
            }
            fail(String.format("decoder differs from spandsp (%s) on %d of %d samples; the first at sample %d"
                            + " (block %d, sample %d of the block):%s", what, differing, reference.length, first,
                    first / BLOCK_SAMPLES, first % BLOCK_SAMPLES, context));
        }
        System.out.printf("G.726-16k decoder: %d samples of %s equal to spandsp's (%d overloaded ones saturated"
                + " where spandsp wraps)%n", reference.length, what, saturated);
    }

    // ---- running the reference ----

    private byte[] spandsp(String mode, byte[] input) throws Exception {
        Path in = dir.resolve(mode + ".in");
        Path out = dir.resolve(mode + ".out");
        Files.write(in, input);
        Result r = exec(dir, dir.resolve(mode + ".log"), tool.toString(), mode, in.toString(), out.toString(),
                "left");
        if (r.exit != 0) {
            fail("g726_ref " + mode + " exited with " + r.exit + ": " + r.output);
        }
        return Files.readAllBytes(out);
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(Path workDir, Path log, String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(p.exitValue(), read(log));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    Path candidate = Path.of(entry, name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return candidate.toString();
                    }
                }
            }
        }
        return null;
    }
}

package dev.fosc.codec;

import dev.fosc.codec.FoscSamples.Golden;
import dev.fosc.codec.FoscTestSupport.Side;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static dev.fosc.codec.FoscTestSupport.ALLOC;
import static dev.fosc.codec.FoscTestSupport.HTTP_200;
import static dev.fosc.codec.FoscTestSupport.SDK_PREAMBLE;
import static dev.fosc.codec.FoscTestSupport.ascii;
import static dev.fosc.codec.FoscTestSupport.concat;
import static dev.fosc.codec.FoscTestSupport.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzing the decoding side with seeded {@link Random} (deterministic; every failure names the seed of its
 * case, which {@code -Dfosc.fuzz.seed=N} replays first): random byte streams, streams of well-formed frames
 * with random ids and payloads, and mutated valid streams (bit flips, overwritten, inserted, deleted and
 * duplicated bytes, truncation), each cut at random points and fed to the frame decoder and codec with and
 * without the preamble handlers of either side.
 *
 * <p>Properties: every inbound message is a {@link FoscMessage}; every exception is a
 * {@link CorruptedFrameException} (including malformed payloads), a {@link TooLongFrameException} or a
 * {@link FoscPreambleException} — never another type, nor a {@link DecoderException} wrapping one; every
 * message's decoded form and {@code toString()} work; each case ends well within a time limit; and every
 * buffer fed in is released (strict leak detection checks the slices). Well-formed frames must decode to
 * exactly one message each with no exception at all.
 */
class FoscFuzzTest {

    /**
     * Cases per property; override with {@code -Dfosc.fuzz.cases=N}. CI runs the default; the long mode
     * ({@code scripts/fuzz-long.sh}, not in CI) runs 2,500,000 per property: 10^7 inputs over the four
     * random properties.
     */
    private static final int CASES = Integer.getInteger("fosc.fuzz.cases", 400);
    /**
     * Time budget per property, for a long run that must end by a deadline: the cases run in it are counted
     * and printed ({@code -Dfosc.fuzz.maxMillis=N}; unlimited by default).
     */
    private static final long MAX_MILLIS = Long.getLong("fosc.fuzz.maxMillis", Long.MAX_VALUE / 2_000_000L);
    private static final long BASE_SEED = Long.getLong("fosc.fuzz.seed", 0x5EED_F05CL);
    /** Generous: a case takes milliseconds; only a hang comes near it. Applies to each case, not to the run. */
    private static final long TIME_LIMIT_MILLIS = 120_000;

    private static final long[] KNOWN_IDS = {0, 1, 2, 3, 4, 5, 6, 12, 15, 16, 18, 20, 21, 26, 27, 29, 100, 106, 107,
        108, 110, 111, 112, 113};
    private static final int[] INTERESTING_LENGTHS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 35, 36, 37, 52, 128, 129, 131, 132,
        133, 135, 136, 160, 161, 164, 260, 261, 512, 513, 517, 889, 890, 2220};

    private static final List<byte[]> GOLDEN_FRAMES = new ArrayList<>();

    /** What the cases produced, to check that the generators reach every kind of outcome. */
    private static final AtomicLong TYPED = new AtomicLong();
    private static final AtomicLong INVALID = new AtomicLong();
    private static final AtomicLong UNKNOWN = new AtomicLong();
    private static final AtomicLong FAILURES = new AtomicLong();

    static {
        for (Golden g : FoscSamples.golden()) {
            if (g.kind() == FoscSamples.Kind.FRAMES) {
                GOLDEN_FRAMES.add(g.bytes());
            }
        }
    }

    private interface CaseBody {
        void run(Random random, long seed);
    }

    /**
     * Runs {@link #CASES} seeded cases on a separate thread, failing on a hang (no new case within
     * {@link #TIME_LIMIT_MILLIS}) with the seed at hand. Prints the count and the time.
     */
    private static long runCases(String property, CaseBody body) throws Throwable {
        AtomicLong current = new AtomicLong(-1);
        AtomicLong done = new AtomicLong();
        Throwable[] failure = new Throwable[1];
        boolean replay = System.getProperty("fosc.fuzz.seed") != null;
        long deadline = System.nanoTime() + MAX_MILLIS * 1_000_000L;
        Thread t = new Thread(() -> {
            for (long i = replay ? -1 : 0; i < CASES && System.nanoTime() - deadline < 0; i++) {
                long seed = i < 0 ? BASE_SEED : BASE_SEED + property.hashCode() * 1_000_003L + i;
                current.set(seed);
                try {
                    body.run(new Random(seed), seed);
                } catch (Throwable e) {
                    AssertionError named = new AssertionError(property + " failed for seed " + seed
                            + " (replay with -Dfosc.fuzz.seed=" + seed + "): " + e, e);
                    failure[0] = named;
                    return;
                }
                done.incrementAndGet();
            }
        }, "fosc-fuzz-" + property);
        t.setDaemon(true);
        long start = System.nanoTime();
        t.start();
        long lastSeed = -2;
        long lastProgress = System.nanoTime();
        while (t.isAlive()) {
            t.join(1_000);
            long seed = current.get();
            long now = System.nanoTime();
            if (seed != lastSeed) {
                lastSeed = seed;
                lastProgress = now;
            } else if (t.isAlive() && now - lastProgress > TIME_LIMIT_MILLIS * 1_000_000L) {
                t.interrupt();
                fail(property + ": no progress within " + TIME_LIMIT_MILLIS + " ms; stuck at seed " + seed);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("fuzz %-8s %,d cases in %,d ms (%,.0f/s)%s%n", property, done.get(), millis,
                done.get() * 1000.0 / Math.max(1, millis), failure[0] != null ? ", FAILED" : "");
        if (failure[0] != null) {
            throw failure[0];
        }
        return done.get();
    }

    // ---- generators ----

    private static Side side(Random r) {
        return Side.values()[r.nextInt(Side.values().length)];
    }

    /** What a side may receive before the frames. */
    private static byte[] prefix(Side side, Random r) {
        switch (side) {
            case CAMERA:
                String[] forms = {SDK_PREAMBLE, SDK_PREAMBLE + "\r\n",
                    "SERVERPUSH / HTTP/1.1\r\nHost: cam:88\r\nAccept: */*\r\nConnection: Close\r\n\r\n"};
                return ascii(forms[r.nextInt(forms.length)]);
            case CLIENT:
                return r.nextBoolean() ? ascii(HTTP_200) : new byte[0];
            default:
                return new byte[0];
        }
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** A payload: random, zeros, or zeros with a few random bytes (so counts and lengths are often small). */
    private static byte[] payload(Random r, int n) {
        switch (r.nextInt(3)) {
            case 0:
                return randomBytes(r, n);
            case 1:
                return new byte[n];
            default:
                byte[] b = new byte[n];
                for (int i = 0, k = r.nextInt(6); i < k && n > 0; i++) {
                    b[r.nextInt(n)] = (byte) r.nextInt(256);
                }
                return b;
        }
    }

    private static long commandId(Random r) {
        switch (r.nextInt(8)) {
            case 0:
                return r.nextInt() & 0xFFFF_FFFFL;
            case 1:
                return r.nextInt(256);
            default:
                return KNOWN_IDS[r.nextInt(KNOWN_IDS.length)];
        }
    }

    /** The sizes docs/protocol.md gives each known command (media and talk: the fixed part). */
    private static int[] nominalLengths(long id) {
        switch ((int) id) {
            case 0: case 2: case 3: return new int[] {161};
            case 1: return new int[] {129, 161};
            case 4: return new int[] {160, 161, 164};
            case 5: return new int[] {160};
            case 6: return new int[] {4, 124, 964};
            case 12: return new int[] {164};
            case 15: case 29: case 112: case 113: return new int[] {4};
            case 16: case 18: case 20: case 21: case 26: case 27: return new int[] {36};
            case 100: return new int[] {0, 4, 8, 890, 2220};
            case 106: return new int[] {517};
            case 107: return new int[] {261};
            case 108: return new int[] {2, 8};
            case 110: return new int[] {6};
            case 111: return new int[] {2, 4, 64};
            default: return INTERESTING_LENGTHS;
        }
    }

    /** A payload length: near the command's documented size (the boundaries), or anything. */
    private static int length(Random r, long id) {
        switch (r.nextInt(3)) {
            case 0: {
                int[] nominal = nominalLengths(id);
                return Math.max(0, nominal[r.nextInt(nominal.length)] + r.nextInt(7) - 3);
            }
            case 1:
                return INTERESTING_LENGTHS[r.nextInt(INTERESTING_LENGTHS.length)];
            default:
                return r.nextInt(1500);
        }
    }

    /** A media payload whose header length matches (or nearly) so that media decoding goes past the check. */
    private static byte[] mediaPayload(Random r, long id) {
        int n = r.nextInt(300);
        byte[] p = concat(payload(r, 36), randomBytes(r, n));
        int declared = r.nextInt(4) == 0 ? n + r.nextInt(3) - 1 : n;
        FoscTestSupport.putIntLE(p, id == 26 ? 8 : 12, declared);
        return p;
    }

    private static int[] cuts(Random r, int length) {
        int pieces = r.nextInt(4) == 0 ? length : 1 + r.nextInt(8); // sometimes byte by byte
        int[] cuts = new int[Math.max(0, Math.min(pieces, length) - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = pieces >= length ? i + 1 : 1 + r.nextInt(Math.max(1, length - 1));
        }
        return Arrays.stream(cuts).distinct().sorted().filter(c -> c > 0 && c < length).toArray();
    }

    private static byte[] mutate(Random r, byte[] in) {
        byte[] b = in;
        for (int m = 0, count = 1 + r.nextInt(4); m < count && b.length > 0; m++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0: // bit flip
                    b = b.clone();
                    b[at] ^= (byte) (1 << r.nextInt(8));
                    break;
                case 1: // overwrite a byte
                    b = b.clone();
                    b[at] = (byte) r.nextInt(256);
                    break;
                case 2: // truncate
                    b = Arrays.copyOf(b, at);
                    break;
                case 3: // insert random bytes
                    b = concat(Arrays.copyOf(b, at), randomBytes(r, 1 + r.nextInt(16)), Arrays.copyOfRange(b, at, b.length));
                    break;
                case 4: // delete a range
                    b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, Math.min(b.length, at + 1 + r.nextInt(16)),
                            b.length));
                    break;
                default: // duplicate a range
                    int end = Math.min(b.length, at + 1 + r.nextInt(64));
                    b = concat(Arrays.copyOf(b, end), Arrays.copyOfRange(b, at, b.length));
                    break;
            }
        }
        return b;
    }

    // ---- the check ----

    private static boolean allowed(Throwable e) {
        return e instanceof CorruptedFrameException || e instanceof TooLongFrameException
                || e instanceof FoscPreambleException;
    }

    /**
     * Feeds {@code stream} to a new channel of {@code side}, cut at {@code cuts}; checks the properties and
     * returns the number of messages and failures.
     */
    private static int[] feedAndCheck(Side side, FoscCodecOptions options, byte[] stream, int[] cuts) {
        EmbeddedChannel ch = side.newChannel(options);
        List<ByteBuf> fed = new ArrayList<>();
        int messages = 0;
        int failures = 0;
        try {
            int from = 0;
            int[] ends = Arrays.copyOf(cuts, cuts.length + 1);
            ends[cuts.length] = stream.length;
            for (int end : ends) {
                ByteBuf piece = ALLOC.buffer(Math.max(1, end - from)).writeBytes(stream, from, end - from);
                fed.add(piece);
                from = end;
                try {
                    ch.writeInbound(piece);
                } catch (DecoderException e) {
                    if (!allowed(e)) {
                        throw new AssertionError("unexpected exception type " + e, e);
                    }
                    failures++;
                    FAILURES.incrementAndGet();
                }
                messages += drainAndCheck(ch);
            }
            try {
                ch.finish();
            } catch (DecoderException e) {
                if (!allowed(e)) {
                    throw new AssertionError("unexpected exception type at close " + e, e);
                }
                failures++;
            }
            messages += drainAndCheck(ch);
        } finally {
            ch.finishAndReleaseAll();
        }
        for (ByteBuf piece : fed) {
            assertEquals(0, piece.refCnt(), "a buffer fed in was not released");
        }
        return new int[] {messages, failures};
    }

    private static int drainAndCheck(EmbeddedChannel ch) {
        int n = 0;
        for (Object o; (o = ch.readInbound()) != null; n++) {
            try {
                if (!(o instanceof FoscMessage)) {
                    throw new AssertionError("not a FoscMessage: " + o.getClass().getName());
                }
                FoscMessage m = (FoscMessage) o;
                FoscDecodedForm.of(m);
                m.toString();
                if (m instanceof ByteBufHolder) {
                    ByteBuf content = ((ByteBufHolder) m).content();
                    ByteBufUtil.getBytes(content); // readable, in bounds
                    if (m instanceof FoscMediaMessage) {
                        assertEquals(36 + content.readableBytes(), m.payloadLength());
                    }
                }
                if (m instanceof FoscInvalidMessage) {
                    assertEquals(true, ((FoscInvalidMessage) m).decoderResult().isFailure());
                    INVALID.incrementAndGet();
                } else if (m instanceof FoscUnknownMessage) {
                    UNKNOWN.incrementAndGet();
                } else {
                    TYPED.incrementAndGet();
                }
            } finally {
                ReferenceCountUtil.release(o);
            }
        }
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ReferenceCountUtil.release(o);
        }
        return n;
    }

    // ---- properties ----

    @Test
    void randomBytesYieldOnlyMessagesOrDecoderExceptions() throws Throwable {
        runCases("random", (r, seed) -> {
            Side side = side(r);
            byte[] stream = r.nextBoolean() ? randomBytes(r, r.nextInt(600))
                    : concat(prefix(side, r), randomBytes(r, r.nextInt(600)));
            feedAndCheck(side, FoscCodecOptions.DEFAULT, stream, cuts(r, stream.length));
        });
    }

    private static void resetCounters() {
        TYPED.set(0);
        INVALID.set(0);
        UNKNOWN.set(0);
        FAILURES.set(0);
    }

    @Test
    void wellFormedFramesWithRandomPayloadsEachDecodeToOneMessage() throws Throwable {
        resetCounters();
        long cases = runCases("frames", (r, seed) -> {
            Side side = side(r);
            int frames = 1 + r.nextInt(6);
            byte[] stream = prefix(side, r);
            for (int i = 0; i < frames; i++) {
                long id = commandId(r);
                byte[] p = (id == 26 || id == 27) && r.nextBoolean() ? mediaPayload(r, id) : payload(r, length(r, id));
                stream = concat(stream, frame(id, p));
            }
            int[] result = feedAndCheck(side, FoscCodecOptions.DEFAULT, stream, cuts(r, stream.length));
            assertEquals(frames, result[0], "one message per frame");
            assertEquals(0, result[1], "no failure for well-formed frames");
        });
        // the generator reaches typed, invalid and unknown messages alike
        assertTrue(TYPED.get() > cases / 10, "typed messages: " + TYPED.get());
        assertTrue(INVALID.get() > cases / 10, "invalid messages: " + INVALID.get());
        assertTrue(UNKNOWN.get() > cases / 10, "unknown messages: " + UNKNOWN.get());
    }

    @Test
    void mutatedValidStreamsYieldOnlyMessagesOrDecoderExceptions() throws Throwable {
        resetCounters();
        long cases = runCases("mutated", (r, seed) -> {
            Side side = side(r);
            byte[] stream = prefix(side, r);
            for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
                stream = concat(stream, GOLDEN_FRAMES.get(r.nextInt(GOLDEN_FRAMES.size())));
            }
            byte[] mutated = mutate(r, stream);
            FoscCodecOptions options = r.nextInt(4) == 0
                    ? FoscCodecOptions.builder().maxPayloadLength(r.nextInt(300)).build() : FoscCodecOptions.DEFAULT;
            feedAndCheck(side, options, mutated, cuts(r, mutated.length));
        });
        // mutations lead to decoded messages as well as to failures
        assertTrue(TYPED.get() > cases / 10, "typed messages: " + TYPED.get());
        assertTrue(INVALID.get() > 0, "invalid messages: " + INVALID.get());
        assertTrue(FAILURES.get() > cases / 10, "failures: " + FAILURES.get());
    }

    /**
     * Not random: every known command at every payload length from 0 to 8 past its largest documented size,
     * with zero, 0xFF and random contents. Decoding never throws; a typed result encodes to a frame that
     * decodes to the same message again.
     */
    @Test
    void everyKnownCommandAtEveryLengthDecodesWithoutThrowing() throws Throwable {
        FoscTestSupport.onShallowStack(() -> {
            Random r = new Random(BASE_SEED);
            for (long id : KNOWN_IDS) {
                int max = Arrays.stream(nominalLengths(id)).max().orElseThrow() + 8;
                for (int n = 0; n <= max; n++) {
                    for (int content = 0; content < 3; content++) {
                        byte[] p = new byte[n];
                        if (content == 1) {
                            Arrays.fill(p, (byte) 0xff);
                        } else if (content == 2) {
                            r.nextBytes(p);
                        }
                        decodeReencodeDecode(id, p);
                    }
                }
            }
        });
    }

    private static void decodeReencodeDecode(long id, byte[] payload) {
        ByteBuf frame = ALLOC.buffer(12 + payload.length).writeBytes(frame(id, payload));
        FoscMessage first;
        try {
            first = FoscFrames.decode(frame);
        } catch (RuntimeException e) {
            throw new AssertionError("command " + id + ", " + payload.length + " bytes: " + e, e);
        } finally {
            frame.release();
        }
        try {
            assertEquals(id, first.command().id());
            FoscDecodedForm.of(first);
            first.toString();
            if (first instanceof FoscInvalidMessage) {
                assertEquals(payload.length, first.payloadLength());
                return;
            }
            ByteBuf again = FoscFrames.encode(first, ALLOC);
            try {
                FoscMessage second = FoscFrames.decode(again);
                try {
                    assertEquals(FoscTestSupport.snap(first), FoscTestSupport.snap(second),
                            "command " + id + ", " + payload.length + " bytes: re-encoding changed the message");
                } finally {
                    ReferenceCountUtil.release(second);
                }
            } finally {
                again.release();
            }
        } finally {
            ReferenceCountUtil.release(first);
        }
    }

    @Test
    void theSameMutatedStreamDecodesTheSameWhateverTheCuts() throws Throwable {
        runCases("cuts", (r, seed) -> {
            Side side = side(r);
            byte[] stream = prefix(side, r);
            for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                stream = concat(stream, GOLDEN_FRAMES.get(r.nextInt(GOLDEN_FRAMES.size())));
            }
            byte[] mutated = mutate(r, stream);
            int[] whole = feedAndCheck(side, FoscCodecOptions.DEFAULT, mutated, new int[0]);
            int[] cut = feedAndCheck(side, FoscCodecOptions.DEFAULT, mutated, cuts(r, mutated.length));
            assertEquals(whole[0], cut[0], "the same number of messages whatever the cuts");
            assertEquals(Math.min(1, whole[1]), Math.min(1, cut[1]), "a failure whatever the cuts, or none");
        });
    }
}

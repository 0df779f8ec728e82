package dev.fosc.codec;

import dev.fosc.codec.FoscSamples.Golden;
import dev.fosc.codec.FoscSamples.Kind;
import dev.fosc.codec.FoscTestSupport.Side;
import dev.fosc.codec.FoscTestSupport.Snap;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.fosc.codec.FoscTestSupport.HTTP_200;
import static dev.fosc.codec.FoscTestSupport.SDK_PREAMBLE;
import static dev.fosc.codec.FoscTestSupport.ascii;
import static dev.fosc.codec.FoscTestSupport.assertFinished;
import static dev.fosc.codec.FoscTestSupport.concat;
import static dev.fosc.codec.FoscTestSupport.drainInbound;
import static dev.fosc.codec.FoscTestSupport.feed;
import static dev.fosc.codec.FoscTestSupport.feedBytewise;
import static dev.fosc.codec.FoscTestSupport.snapAndRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every decode case fed whole, one byte at a time, and split in two at every offset, on every side: the bare
 * frame decoder and codec, the client pipeline (with and without an HTTP 200 block first) and the camera
 * pipeline (behind each preamble form). Each run must yield exactly the expected messages.
 */
class FoscSplitDecodeTest {

    /** One input stream, the side that reads it, and what must come out. */
    record DecodeCase(String name, Side side, byte[] bytes, List<Snap> expected) {
        @Override
        public String toString() {
            return name + " via " + side + " (" + bytes.length + " bytes)";
        }
    }

    static Stream<DecodeCase> cases() {
        List<DecodeCase> cases = new ArrayList<>();
        for (Golden g : FoscSamples.golden()) {
            List<Snap> expected = snapAndRelease(g.messages().get());
            byte[] bytes = g.bytes();
            if (g.kind() == Kind.FRAMES) {
                cases.add(new DecodeCase(g.file(), Side.BARE, bytes, expected));
                cases.add(new DecodeCase(g.file(), Side.CLIENT, bytes, expected));
                cases.add(new DecodeCase("HTTP 200 + " + g.file(), Side.CLIENT, concat(ascii(HTTP_200), bytes), expected));
                cases.add(new DecodeCase("preamble + " + g.file(), Side.CAMERA, concat(ascii(SDK_PREAMBLE), bytes),
                        expected));
            } else {
                cases.add(new DecodeCase(g.file(), g.kind() == Kind.CAMERA_STREAM ? Side.CAMERA : Side.CLIENT, bytes,
                        expected));
            }
        }
        // several frames back to back, including empty payloads
        String[] files = {"login_check.hex", "video_data.hex", "unknown_105.hex", "login_reply_empty.hex",
                "motion_alert_2.hex", "talk_data.hex"};
        List<Snap> expected = new ArrayList<>();
        byte[] stream = new byte[0];
        for (String f : files) {
            Golden g = FoscSamples.golden().stream().filter(x -> x.file().equals(f)).findFirst().orElseThrow();
            expected.addAll(snapAndRelease(g.messages().get()));
            stream = concat(stream, g.bytes());
        }
        cases.add(new DecodeCase("six frames", Side.BARE, stream, expected));
        cases.add(new DecodeCase("six frames", Side.CLIENT, stream, expected));
        cases.add(new DecodeCase("HTTP 200 + six frames", Side.CLIENT, concat(ascii(HTTP_200), stream), expected));
        cases.add(new DecodeCase("preamble + six frames", Side.CAMERA, concat(ascii(SDK_PREAMBLE), stream), expected));
        cases.add(new DecodeCase("preamble + CRLF + six frames", Side.CAMERA,
                concat(ascii(SDK_PREAMBLE + "\r\n"), stream), expected));
        // a first frame whose command id starts with a CR or LF byte (10, 13, 0x0A0D) must not lose that byte
        // to the camera side's skipping of an extra CRLF after the preamble
        for (long id : new long[] {10, 13, 0x0A0D, 0x0D0A}) {
            byte[] f = FoscTestSupport.frame(id, new byte[] {1, 2, 3});
            List<Snap> unknown = snapAndRelease(List.of(FoscSamples.unknown(id, 1, 2, 3)));
            cases.add(new DecodeCase("preamble + command " + id, Side.CAMERA, concat(ascii(SDK_PREAMBLE), f), unknown));
            cases.add(new DecodeCase("preamble + CRLF + command " + id, Side.CAMERA,
                    concat(ascii(SDK_PREAMBLE + "\r\n"), f), unknown));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void whole(DecodeCase c) {
        EmbeddedChannel ch = c.side().newChannel();
        feed(ch, c.bytes());
        assertEquals(c.expected(), drainInbound(ch), "whole");
        assertFinished(ch);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneByteAtATime(DecodeCase c) throws Throwable {
        FoscTestSupport.onShallowStack(() -> {
            EmbeddedChannel ch = c.side().newChannel();
            feedBytewise(ch, c.bytes());
            assertEquals(c.expected(), drainInbound(ch), "byte by byte");
            assertFinished(ch);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitAtEveryOffset(DecodeCase c) throws Throwable {
        FoscTestSupport.onShallowStack(() -> {
            for (int cut = 1; cut < c.bytes().length; cut++) {
                EmbeddedChannel ch = c.side().newChannel();
                feed(ch, c.bytes(), cut);
                assertEquals(c.expected(), drainInbound(ch), "split at " + cut);
                assertFinished(ch);
            }
        });
    }
}

package dev.fosc.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fosc.codec.FoscLoginCheckReply;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscVideoData;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.fosc.cli.Sessions.HTTP_200;
import static dev.fosc.cli.Sessions.PASSWORD;
import static dev.fosc.cli.Sessions.SERVERPUSH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fosc decode} on sessions the codec's own encoder produced, and on broken ones. */
class DecodeCommandTest {

    private static final JsonFactory JSON = new JsonFactory();

    @TempDir
    Path dir;

    /** What one run printed. */
    record Run(int exitCode, String out, String err) {
        List<Map<String, Object>> frames() {
            List<Map<String, Object>> frames = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    frames.add(parse(line));
                }
            }
            return frames;
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : Arrays.asList(err.split("\n"));
        }
    }

    private static Run run(InputStream stdin, String... args) {
        CommandLine cli = FoscCli.commandLine();
        ((DecodeCommand) cli.getSubcommands().get("decode").getCommand()).stdin(stdin);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    private Run decodeFile(byte[] bytes, String... options) throws IOException {
        Path file = Files.write(dir.resolve("capture.bin"), bytes);
        List<String> args = new ArrayList<>(List.of("decode"));
        args.addAll(List.of(options));
        args.add(file.toString());
        return run(args.toArray(new String[0]));
    }

    /** One JSON object of the output, as plain values (numbers as Long). */
    static Map<String, Object> parse(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            Map<String, Object> m = new LinkedHashMap<>();
            assertEquals(JsonToken.START_OBJECT, p.nextToken(), line);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_ARRAY) {
                    List<Object> list = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        list.add(p.getText());
                    }
                    m.put(name, list);
                } else if (t == JsonToken.VALUE_NUMBER_INT) {
                    m.put(name, p.getLongValue());
                } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                    m.put(name, p.getBooleanValue());
                } else {
                    m.put(name, p.getText());
                }
            }
            assertEquals(null, p.nextToken(), "one object per line: " + line);
            return m;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static List<Object> names(List<Map<String, Object>> frames) {
        List<Object> names = new ArrayList<>();
        frames.forEach(f -> names.add(f.get("name")));
        return names;
    }

    @Test
    void clientDirectionWithPreambleShowsEveryCommandAndRedactsThePassword() throws IOException {
        Run r = decodeFile(Sessions.bytes(SERVERPUSH, Sessions.clientMessages()));

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        List<Map<String, Object>> frames = r.frames();
        assertEquals(List.of("LOGIN", "LOGIN_CHECK", "VIDEO_ON", "AUDIO_ON", "SPEAKER_ON", "TALK_DATA", "TALK_DATA",
                "SPEAKER_OFF", "AUDIO_OFF", "CLOSE"), names(frames));
        assertEquals(Map.of("command", 12L, "name", "LOGIN", "length", 164L, "user", "admin", "password",
                "<redacted>", "uid", (long) Sessions.UID, "loginStream", 0L), frames.get(0));
        assertEquals(List.of("command", "name", "length", "user", "password", "uid", "loginStream"),
                new ArrayList<>(frames.get(0).keySet()), "§8 names, stable order");
        assertEquals(Map.of("command", 0L, "name", "VIDEO_ON", "length", 161L, "stream", 1L, "user", "admin",
                "password", "<redacted>", "uid", (long) Sessions.UID), frames.get(2));
        assertEquals(Map.of("command", 6L, "name", "TALK_DATA", "length", 124L, "audioLength", 120L,
                "audioFormat", "g726"), frames.get(5));
        assertEquals("pcm", frames.get(6).get("audioFormat"));
        assertEquals(160L, frames.get(4).get("length"));
        assertEquals(129L, frames.get(9).get("length"));
        assertFalse(r.out().contains(PASSWORD), "the password never appears");
    }

    @Test
    void cameraDirectionWithHttp200BlockShowsMediaEventsAndUnknownCommands() throws IOException {
        Run r = decodeFile(Sessions.bytes(HTTP_200, Sessions.cameraMessages(1000)));

        assertEquals(0, r.exitCode(), r.err());
        List<Map<String, Object>> frames = r.frames();
        assertEquals(List.of("LOGIN_REPLY", "LOGIN_CHECK_REPLY", "VIDEO_ON_REPLY", "AUDIO_ON_REPLY",
                "SPEAKER_ON_REPLY", "VIDEO_DATA", "VIDEO_DATA", "AUDIO_DATA", "AUDIO_DATA", "SPEAKER_OFF_REPLY",
                "PRESETS_CHANGED", "MIRROR_FLIP", "COLOR_ADJUST", "MOTION_ALERT", "POWER_FREQUENCY", "STREAM_SELECT",
                "UNKNOWN"), names(frames));
        assertEquals(Map.of("command", 100L, "name", "LOGIN_REPLY", "length", 2220L, "result", 0L, "presets",
                List.of("door", "gate"), "cruises", List.of("round"), "cameraId", "CAM0001"), frames.get(0));
        assertEquals(Map.of("command", 16L, "name", "VIDEO_ON_REPLY", "length", 36L, "status", 0L), frames.get(2));
        Map<String, Object> expectedKeyFrame = new LinkedHashMap<>();
        expectedKeyFrame.put("command", 26L);
        expectedKeyFrame.put("name", "VIDEO_DATA");
        expectedKeyFrame.put("length", 1036L);
        expectedKeyFrame.put("timestamp", 1000L);
        expectedKeyFrame.put("dataLength", 1000L);
        expectedKeyFrame.put("keyFrame", true);
        expectedKeyFrame.put("width", 1280L);
        expectedKeyFrame.put("height", 720L);
        expectedKeyFrame.put("frameRate", 25L);
        expectedKeyFrame.put("bitRate", 2_000_000L);
        assertEquals(expectedKeyFrame, frames.get(5));
        assertEquals(false, frames.get(6).get("keyFrame"));
        assertEquals(Map.of("command", 27L, "name", "AUDIO_DATA", "length", 996L, "timestamp", 1020L,
                "dataLength", 960L, "audioFormat", "pcm"), frames.get(7));
        assertEquals("g726", frames.get(8).get("audioFormat"));
        assertEquals(List.of("door", "gate", "yard"), frames.get(10).get("presets"));
        assertEquals(Map.of("command", 108L, "name", "MIRROR_FLIP", "length", 8L, "mirror", 1L, "flip", 0L),
                frames.get(11));
        assertEquals(40L, frames.get(12).get("contrast"));
        assertEquals("0100001e", frames.get(13).get("motion"));
        assertEquals(1L, frames.get(14).get("frequency"));
        assertEquals(Map.of("command", 200L, "name", "UNKNOWN", "length", 3L), frames.get(16));
    }

    @Test
    void withoutPreambleTheFramesAreTheSame() throws IOException {
        for (boolean camera : new boolean[] {false, true}) {
            String preamble = camera ? HTTP_200 : SERVERPUSH;
            Run with = decodeFile(camera ? Sessions.bytes(preamble, Sessions.cameraMessages(500))
                    : Sessions.bytes(preamble, Sessions.clientMessages()));
            Run without = decodeFile(camera ? Sessions.bytes("", Sessions.cameraMessages(500))
                    : Sessions.bytes("", Sessions.clientMessages()));
            assertEquals(0, without.exitCode(), without.err());
            assertEquals(with.out(), without.out());
            assertTrue(with.frames().size() > 5);
        }
    }

    @Test
    void offsetsCountThePreamble() throws IOException {
        byte[] check = Sessions.frame(new FoscLoginCheckReply(0));
        Run r = decodeFile(Sessions.concat(HTTP_200.getBytes(StandardCharsets.US_ASCII), check, check),
                "--offsets");
        assertEquals(0, r.exitCode(), r.err());
        long first = HTTP_200.length();
        assertEquals(first, r.frames().get(0).get("offset"));
        assertEquals(first + check.length, r.frames().get(1).get("offset"));
    }

    @Test
    void largeVideoFramesAcrossReadChunks() throws IOException {
        int size = 300_000; // spans several 64 KiB reads
        List<dev.fosc.codec.FoscMessage> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] data = new byte[size + i];
            data[3] = 1;
            messages.add(new FoscVideoData(FoscMediaHeader.video(i * 40L, i == 0, 1920, 1080, 25, 4_000_000),
                    Unpooled.wrappedBuffer(data)));
        }
        Run r = decodeFile(Sessions.bytes(SERVERPUSH, messages));
        assertEquals(0, r.exitCode(), r.err());
        List<Map<String, Object>> frames = r.frames();
        assertEquals(4, frames.size());
        for (int i = 0; i < 4; i++) {
            assertEquals((long) size + i, frames.get(i).get("dataLength"));
            assertEquals((long) size + i + 36, frames.get(i).get("length"));
        }
    }

    @Test
    void badMagicMidStreamPrintsTheFramesBeforeItThenOneErrorLineWithTheOffset() throws IOException {
        byte[] good = Sessions.bytes(HTTP_200, Sessions.cameraMessages(2000));
        byte[] garbage = "XXXXXXXXXXXXXXXXXXXXXXXX".getBytes(StandardCharsets.US_ASCII);
        byte[] after = Sessions.frame(new FoscLoginCheckReply(0));
        Run r = decodeFile(Sessions.concat(good, garbage, after));

        assertEquals(1, r.exitCode());
        assertEquals(17, r.frames().size(), "every frame before the bad one, nothing after it");
        assertEquals(List.of("error: bad magic 0x58585858 (expected \"FOSC\") in the frame header at byte offset "
                + good.length), r.errLines());
    }

    @Test
    void badMagicInTheFirstFrameOfAClientCapture() throws IOException {
        byte[] bytes = Sessions.concat(SERVERPUSH.getBytes(StandardCharsets.US_ASCII), new byte[] {12, 0, 0, 0,
            'F', 'O', 'S', 'X', 0, 0, 0, 0});
        Run r = decodeFile(bytes);
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals(List.of("error: bad magic 0x464f5358 (expected \"FOSC\") in the frame header at byte offset "
                + SERVERPUSH.length()), r.errLines());
    }

    @Test
    void streamEndingInsideAFrameIsAnError() throws IOException {
        byte[] good = Sessions.bytes("", Sessions.cameraMessages(100));
        byte[] video = Sessions.bytes("", List.of(new FoscVideoData(FoscMediaHeader.video(0, true, 1, 1, 1, 1),
                Unpooled.wrappedBuffer(new byte[5000]))));
        for (int cut : new int[] {5, 12, 48, 3000}) {
            Run r = decodeFile(Sessions.concat(good, Arrays.copyOf(video, cut)));
            assertEquals(1, r.exitCode());
            assertEquals(17, r.frames().size());
            assertEquals(List.of("error: stream ends inside a frame at byte offset " + good.length + " (" + cut
                    + " bytes of it present)"), r.errLines());
        }
    }

    @Test
    void streamEndingInsideThePreambleIsAnError() throws IOException {
        Run r = decodeFile("SERVERPUSH / HTTP/1.1\r\nHost: x".getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, r.exitCode());
        assertEquals(List.of("error: stream ends inside the SERVERPUSH request that starts at byte offset 0"),
                r.errLines());
    }

    @Test
    void aStatusOtherThan200IsAnError() throws IOException {
        Run r = decodeFile(Sessions.concat("HTTP/1.1 503 Busy\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                Sessions.frame(new FoscLoginCheckReply(0))));
        assertEquals(1, r.exitCode());
        assertEquals(List.of("error: the camera's preamble answer \"HTTP/1.1 503 Busy\" at byte offset 0 is not an "
                + "HTTP 200 status"), r.errLines());
    }

    @Test
    void malformedPayloadIsPrintedWithAnErrorFieldAndDecodingGoesOn() throws IOException {
        byte[] shortLoginReply = {100, 0, 0, 0, 'F', 'O', 'S', 'C', 3, 0, 0, 0, 0, 0, 0};
        byte[] check = Sessions.frame(new FoscLoginCheckReply(1));
        Run r = decodeFile(Sessions.concat(shortLoginReply, check));

        assertEquals(0, r.exitCode(), r.err());
        List<Map<String, Object>> frames = r.frames();
        assertEquals(2, frames.size());
        assertEquals(100L, frames.get(0).get("command"));
        assertEquals("LOGIN_REPLY", frames.get(0).get("name"));
        assertEquals(3L, frames.get(0).get("length"));
        assertTrue(frames.get(0).get("error").toString().contains("3 bytes"), frames.get(0).toString());
        assertEquals(Map.of("command", 29L, "name", "LOGIN_CHECK_REPLY", "length", 4L, "result", 1L), frames.get(1));
    }

    @Test
    void oversizeFrameIsAnErrorNamingItsOffset() throws IOException {
        byte[] check = Sessions.frame(new FoscLoginCheckReply(0));
        byte[] video = Sessions.bytes("", List.of(new FoscVideoData(FoscMediaHeader.video(0, true, 1, 1, 1, 1),
                Unpooled.wrappedBuffer(new byte[1000]))));
        Run r = decodeFile(Sessions.concat(check, video, check), "--max-payload", "500");
        assertEquals(1, r.exitCode());
        assertEquals(1, r.frames().size());
        assertEquals(List.of("error: frame at byte offset " + check.length + " declares a payload of 1036 bytes; "
                + "the maximum is 500 (see --max-payload)"), r.errLines());
    }

    @Test
    void readsStandardInput() {
        byte[] bytes = Sessions.bytes(SERVERPUSH, Sessions.clientMessages());
        Run r = run(new ByteArrayInputStream(bytes), "decode", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(10, r.frames().size());
        assertFalse(r.out().contains(PASSWORD));
    }

    @Test
    void emptyInputPrintsNothing() {
        Run r = run(new ByteArrayInputStream(new byte[0]), "decode", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("", r.err());
    }

    @Test
    void missingFileFailsWithExitCode1() {
        Run r = run("decode", dir.resolve("nope.bin").toString());
        assertEquals(1, r.exitCode());
        assertEquals(List.of("error: no such file: " + dir.resolve("nope.bin")), r.errLines());
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run("decode").exitCode(), "missing FILE");
        assertEquals(2, run("decode", "--bogus", "x").exitCode(), "unknown option");
        assertEquals(2, run("decode", "--max-payload", "-1", "-").exitCode(), "negative maximum");
        assertEquals(2, run("frobnicate").exitCode(), "unknown command");
        assertEquals(2, run().exitCode(), "no command");
        Run help = run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("decode"), help.out());
        Run version = run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("fosc "), version.out());
    }
}

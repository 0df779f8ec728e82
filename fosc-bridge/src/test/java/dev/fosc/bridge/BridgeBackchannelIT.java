package dev.fosc.bridge;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakePlayedAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ONVIF backchannel: GStreamer's rtspsrc talks through the bridge to the fake camera's speaker. */
class BridgeBackchannelIT {

    private static final String REQUIRE = "Require: www.onvif.org/ver20/backchannel";
    private static final double FREQ = 440;

    @TempDir
    Path dir;

    private FakeCamera camera;
    private FoscClient client;
    private BridgeServer bridge;
    private String url;

    @BeforeEach
    void start() {
        camera = FakeCamera.builder().password("pw").start();
        client = FoscClient.builder().threads(2).build();
    }

    /** The bridge in front of the camera; with {@code user}, viewers must authenticate with user / password. */
    private void bridge(String user, String password) {
        BridgeServer.Builder b = BridgeServer.builder(client).port(0).talkSilence(Duration.ofSeconds(1))
                .camera("door", FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", "pw"))
                        .port(camera.port()).build());
        if (user != null) {
            b.credentials(user, password);
        }
        bridge = b.build().start();
        url = "rtsp://" + (user == null ? "" : user + ":" + password + "@") + "127.0.0.1:" + bridge.port() + "/door";
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        client.close();
        camera.close();
    }

    @Test
    void onlyAClientThatAsksGetsTheBackchannelAndASecondTalkerIsRefused() throws Exception {
        bridge(null, null);
        try (RawRtspClient plain = new RawRtspClient(bridge.port(), 0);
             RawRtspClient first = new RawRtspClient(bridge.port(), 0);
             RawRtspClient second = new RawRtspClient(bridge.port(), 0)) {
            String sdp = plain.request("DESCRIBE", url, "Accept: application/sdp");
            assertFalse(sdp.contains("sendonly"), sdp);
            String onvif = first.request("DESCRIBE", url, "Accept: application/sdp", REQUIRE);
            assertTrue(onvif.contains("a=control:trackID=2\r\na=sendonly"), onvif);
            assertTrue(onvif.contains("a=rtpmap:0 PCMU/8000") && onvif.contains("a=rtpmap:8 PCMA/8000")
                    && onvif.contains("a=rtpmap:97 L16/8000"), onvif);
            String taken = first.request("SETUP", url + "/trackID=2", REQUIRE,
                    "Transport: RTP/AVP/TCP;unicast;interleaved=4-5");
            assertTrue(taken.startsWith("RTSP/1.0 200"), taken);
            String refused = second.request("SETUP", url + "/trackID=2", REQUIRE,
                    "Transport: RTP/AVP/TCP;unicast;interleaved=4-5");
            assertTrue(refused.startsWith("RTSP/1.0 503 Backchannel In Use By Another Client"), refused);
            first.request("TEARDOWN", url);
            String now = second.request("SETUP", url + "/trackID=2", REQUIRE,
                    "Transport: RTP/AVP/TCP;unicast;interleaved=4-5");
            assertTrue(now.startsWith("RTSP/1.0 200"), now);
        }
    }

    @Test
    void gstreamerPushesAToneThatTheCameraSpeakerPlaysPacedAndEqual() throws Exception {
        bridge(null, null);
        int pushed = pushTone("pcmu");
        assertToneFrom("PCMU", pushed, 30); // µ-law keeps a tone at about 38 dB
    }

    @Test
    void gstreamerPushesAnALawToneThroughDigestAuthentication() throws Exception {
        bridge("talker", "talk-pw-5");
        int pushed = pushTone("pcma");
        assertToneFrom("PCMA", pushed, 30); // A-law, like µ-law, about 38 dB
    }

    @Test
    void gstreamerPushesAnL16Tone() throws Exception {
        bridge(null, null);
        int pushed = pushTone("l16");
        assertToneFrom("L16", pushed, 45); // 16-bit linear: no companding loss
    }

    /** Runs the GStreamer client pushing 3 s of the tone as {@code codec}; returns how many ms it pushed. */
    private int pushTone(String codec) throws Exception {
        Path script = dir.resolve("onvif_backchannel.py");
        try (InputStream in = getClass().getResourceAsStream("onvif_backchannel.py")) {
            Files.copy(in, script);
        }
        Path log = dir.resolve("gst.log");
        Process p = Tools.start(log, "/usr/bin/python3", script.toString(), url, "3", String.valueOf(FREQ), codec);
        int code = Tools.await(p, 90);
        String output = Files.readString(log);
        assertEquals(0, code, output);
        assertTrue(output.contains("backchannel stream"), output);
        Matcher pushed = Pattern.compile("pushed \\d+ packets, (\\d+) ms").matcher(output);
        assertTrue(pushed.find(), output);
        return Integer.parseInt(pushed.group(1));
    }

    /**
     * The camera speaker played the pushed audio (a 60 ms frame each), paced (none discarded), all of it but the
     * first and last frames, each equal to the tone up to {@code minSnrDb}.
     */
    private void assertToneFrom(String codec, int pushedMillis, double minSnrDb) {
        camera.speaker().awaitReceived(40, Duration.ofSeconds(30));
        assertEquals(0, camera.speaker().discardedFrames(), "paced: " + camera.speaker());
        List<Double> snrs = new ArrayList<>();
        for (FakePlayedAudio frame : camera.speaker().played()) {
            double[] x = samples(frame.pcm());
            if (rms(x) > 8000) { // the tone (0.8 full scale), not the lead-in silence or the padded last frame
                snrs.add(toneSnrDb(x, FREQ));
            }
        }
        assertTrue(pushedMillis >= 2000, "GStreamer pushed at least 2 s of the 3 s: " + pushedMillis + " ms");
        assertTrue(snrs.size() * 60 >= pushedMillis - 180, "the " + pushedMillis + " ms pushed were played (less "
                + "the partial first and last frames): " + snrs.size() + " tone frames; " + camera.speaker());
        snrs.sort(null);
        double median = snrs.get(snrs.size() / 2);
        System.err.printf("backchannel %s: %d ms pushed, %d tone frames played, median SNR %.1f dB, %s%n", codec,
                pushedMillis, snrs.size(), median, camera.speaker());
        assertTrue(median > minSnrDb, "the played audio is the " + codec + " tone (median SNR " + median
                + " dB, at least " + minSnrDb + " expected)");
    }

    private static double[] samples(byte[] pcm) {
        double[] x = new double[pcm.length / 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
        }
        return x;
    }

    private static double rms(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum / x.length);
    }

    /** The SNR of {@code x} against its least-squares fit by a sine of {@code freq} (any phase and amplitude). */
    private static double toneSnrDb(double[] x, double freq) {
        double ss = 0;
        double cc = 0;
        double sc = 0;
        double xs = 0;
        double xc = 0;
        for (int i = 0; i < x.length; i++) {
            double s = Math.sin(2 * Math.PI * freq * i / 8000);
            double c = Math.cos(2 * Math.PI * freq * i / 8000);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += x[i] * s;
            xc += x[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (xs * cc - xc * sc) / det;
        double b = (xc * ss - xs * sc) / det;
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < x.length; i++) {
            double fit = a * Math.sin(2 * Math.PI * freq * i / 8000) + b * Math.cos(2 * Math.PI * freq * i / 8000);
            signal += fit * fit;
            noise += (x[i] - fit) * (x[i] - fit);
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }
}

package dev.fosc.bridge;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.codec.FoscCredentials;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RTSP requests a connection answers without a camera streaming, through the bridge's own pipeline. */
class RtspConnectionTest {

    private static FoscClient client;
    private static BridgeCamera door;

    @BeforeAll
    static void camera() {
        client = FoscClient.builder().threads(1).build();
        // never started: no connection is made
        door = new BridgeCamera("door", client, FoscSessionOptions.builder("127.0.0.1",
                FoscCredentials.of("admin", "pw")).port(9).build(), Duration.ofSeconds(1));
    }

    @AfterAll
    static void close() {
        door.close();
        client.close();
    }

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new RtspChannelInitializer(Map.of("door", door), Duration.ofSeconds(1)));
    }

    private static String exchange(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        ByteBuf out = ch.readOutbound();
        assertTrue(out != null, "an answer to " + request);
        try {
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }

    @Test
    void optionsListsTheMethodsAndEchoesCSeq() {
        EmbeddedChannel ch = channel();
        String response = exchange(ch, "OPTIONS rtsp://h/door RTSP/1.0\r\nCSeq: 7\r\n\r\n");
        assertTrue(response.startsWith("RTSP/1.0 200 OK\r\n"), response);
        assertTrue(response.contains("cseq: 7") || response.contains("CSeq: 7"), response);
        assertTrue(response.toLowerCase().contains("public: options, describe, setup, play, teardown, get_parameter"),
                response);
        ch.finishAndReleaseAll();
    }

    @Test
    void anUnknownCameraIsNotFound() {
        EmbeddedChannel ch = channel();
        String response = exchange(ch, "DESCRIBE rtsp://h/nobody RTSP/1.0\r\nCSeq: 2\r\n\r\n");
        assertTrue(response.startsWith("RTSP/1.0 404 Not Found"), response);
        ch.finishAndReleaseAll();
    }

    @Test
    void udpIsRefusedWith461AndTcpIsAccepted() {
        EmbeddedChannel ch = channel();
        String udp = exchange(ch, "SETUP rtsp://h/door/trackID=0 RTSP/1.0\r\nCSeq: 3\r\n"
                + "Transport: RTP/AVP;unicast;client_port=5000-5001\r\n\r\n");
        assertTrue(udp.startsWith("RTSP/1.0 461 Unsupported transport"), udp);
        String tcp = exchange(ch, "SETUP rtsp://h/door/trackID=0 RTSP/1.0\r\nCSeq: 4\r\n"
                + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
        assertTrue(tcp.startsWith("RTSP/1.0 200 OK"), tcp);
        assertTrue(tcp.toLowerCase().contains("transport: rtp/avp/tcp;unicast;interleaved=0-1"), tcp);
        assertTrue(tcp.toLowerCase().contains("session: "), tcp);
        ch.finishAndReleaseAll();
    }

    @Test
    void playBeforeSetupIsRefusedAndInterleavedPacketsBetweenRequestsAreSkipped() {
        EmbeddedChannel ch = channel();
        ByteBuf rtcp = Unpooled.buffer().writeByte('$').writeByte(1).writeShort(3).writeBytes(new byte[] {1, 2, 3});
        ch.writeInbound(rtcp);
        assertNull(ch.readOutbound());
        String response = exchange(ch, "PLAY rtsp://h/door RTSP/1.0\r\nCSeq: 5\r\n\r\n");
        assertTrue(response.startsWith("RTSP/1.0 455 Method Not Valid"), response);
        String keepalive = exchange(ch, "GET_PARAMETER rtsp://h/door RTSP/1.0\r\nCSeq: 6\r\n\r\n");
        assertTrue(keepalive.startsWith("RTSP/1.0 200 OK"), keepalive);
        assertEquals(false, ch.finishAndReleaseAll());
    }

    @Test
    void withCredentialsEveryRequestButOptionsIsChallengedUntilOneIsRightThenTheConnectionIsAuthenticated() {
        RtspAuth auth = new RtspAuth("viewer", "view-pw");
        EmbeddedChannel ch = new EmbeddedChannel(new RtspChannelInitializer(Map.of("door", door),
                Duration.ofSeconds(1), auth));
        String options = exchange(ch, "OPTIONS rtsp://h/door RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        assertTrue(options.startsWith("RTSP/1.0 200 OK"), options);
        String challenged = exchange(ch, "SETUP rtsp://h/door/trackID=0 RTSP/1.0\r\nCSeq: 2\r\n"
                + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
        assertTrue(challenged.startsWith("RTSP/1.0 401 Unauthorized"), challenged);
        assertTrue(challenged.contains("CSeq: 2") || challenged.contains("cseq: 2"), challenged);
        String digest = challenged.lines().filter(l -> l.toLowerCase().startsWith("www-authenticate: digest"))
                .findFirst().orElseThrow(() -> new AssertionError("no Digest challenge: " + challenged));
        assertTrue(challenged.toLowerCase().contains("www-authenticate: basic realm=\"fosc-bridge\""), challenged);
        String nonce = RtspAuthTest.nonceOfChallenge(digest.substring(digest.indexOf(':') + 1).strip());

        String wrong = exchange(ch, "SETUP rtsp://h/door/trackID=0 RTSP/1.0\r\nCSeq: 3\r\n"
                + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nAuthorization: "
                + RtspAuthTest.digest("viewer", "guess", nonce, "SETUP", "rtsp://h/door/trackID=0", null) + "\r\n\r\n");
        assertTrue(wrong.startsWith("RTSP/1.0 401 Unauthorized"), wrong);
        assertTrue(!wrong.contains("view-pw"), wrong);

        String right = exchange(ch, "SETUP rtsp://h/door/trackID=0 RTSP/1.0\r\nCSeq: 4\r\n"
                + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nAuthorization: "
                + RtspAuthTest.digest("viewer", "view-pw", nonce, "SETUP", "rtsp://h/door/trackID=0", null)
                + "\r\n\r\n");
        assertTrue(right.startsWith("RTSP/1.0 200 OK"), right);
        String keepalive = exchange(ch, "GET_PARAMETER rtsp://h/door RTSP/1.0\r\nCSeq: 5\r\n\r\n");
        assertTrue(keepalive.startsWith("RTSP/1.0 200 OK"), "an authenticated connection stays so: " + keepalive);
        ch.finishAndReleaseAll();

        EmbeddedChannel other = new EmbeddedChannel(new RtspChannelInitializer(Map.of("door", door),
                Duration.ofSeconds(1), auth));
        String fresh = exchange(other, "GET_PARAMETER rtsp://h/door RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        assertTrue(fresh.startsWith("RTSP/1.0 401 Unauthorized"), "another connection is not: " + fresh);
        other.finishAndReleaseAll();
    }

    @Test
    void credentialsInARequestUrlNeverReachALog() {
        assertEquals("rtsp://***@h:8554/door/trackID=0",
                RtspConnection.loggable("rtsp://viewer:pw@h:8554/door/trackID=0"));
        assertEquals("rtsp://h:8554/door", RtspConnection.loggable("rtsp://h:8554/door"));
        assertEquals("rtsp://h/a@b", RtspConnection.loggable("rtsp://h/a@b"));
        assertEquals("rtsp://***@h", RtspConnection.loggable("rtsp://u:p@h"));
        assertEquals("*", RtspConnection.loggable("*"));
        assertEquals("door", RtspConnection.cameraName("rtsp://viewer:pw@h:8554/door/trackID=0"));
    }
}

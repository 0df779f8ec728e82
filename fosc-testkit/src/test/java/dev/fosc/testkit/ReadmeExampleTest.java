package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscFrames;
import dev.fosc.codec.FoscLogin;
import dev.fosc.codec.FoscVideoOn;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The worked example of fosc-testkit/README.md, kept compiling and passing. */
class ReadmeExampleTest {

    static byte[] frame(dev.fosc.codec.FoscMessage msg) {
        ByteBuf buf = FoscFrames.encode(msg, ByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void workedExample() throws Exception {
        // 1. start a camera
        try (FakeCamera camera = FakeCamera.builder()
                .user("admin").password("secret")
                .profile(FakeCameraProfile.R2C)
                .presets(List.of("door", "garden"))
                .start()) {

            // 2. connect, send the preamble, log in, ask for video
            try (Socket socket = new Socket(camera.host(), camera.port())) {
                OutputStream out = socket.getOutputStream();
                out.write("SERVERPUSH / HTTP/1.1\r\nHost: cam:88\r\nAccept:*/*\r\nConnection: Close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                FoscCredentials admin = FoscCredentials.of("admin", "secret");
                out.write(frame(new FoscLogin(admin, 42, 0)));
                out.write(frame(new FoscVideoOn(1, admin, 42)));   // an R2C wants stream 1

                DataInputStream in = new DataInputStream(socket.getInputStream());
                int[] commands = new int[3];
                for (int i = 0; i < 3; i++) {                      // 100, 16, then the first 26
                    byte[] header = new byte[12];
                    in.readFully(header);
                    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                    commands[i] = h.getInt(0);
                    in.readFully(new byte[h.getInt(8)]);
                }
                assertEquals(100, commands[0]);
                assertEquals(16, commands[1]);
                assertEquals(26, commands[2]);
            }

            // 3. assert on what the camera saw
            FakeRecordedFrame login = camera.takeFrame(FoscCommand.LOGIN, Duration.ofSeconds(5));
            assertEquals("admin", login.field("user"));
            assertEquals(42L, login.field("uid"));
            assertEquals(1, camera.loginCount());
            assertEquals(1, camera.takeFrame(FoscCommand.VIDEO_ON, Duration.ofSeconds(5)).field("stream"));
        }
    }
}

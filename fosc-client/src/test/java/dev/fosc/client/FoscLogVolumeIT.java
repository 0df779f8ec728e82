package dev.fosc.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeFault;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.FoscSessionIT.PASSWORD;
import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.FoscSessionIT.options;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator reads: a session that starts and goes through three resets writes one INFO line at start-up and
 * two per outage (the loss, the recovery), all of them causes in words; before, it wrote one INFO line per state
 * change (three at start-up, four per reset) with native call names such as {@code recvAddress(..) failed with
 * error(-104)}.
 */
class FoscLogVolumeIT {

    @Test
    void threeResetsWriteOneStartUpLineAndTwoLinesPerOutage() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(FoscSession.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (FakeCamera camera = FakeCamera.builder().password(PASSWORD).start();
             FoscClient client = FoscClient.builder().threads(1).build()) {
            RecordingListener rec = new RecordingListener();
            FoscSession session = client.newSession(options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD).build(),
                    rec);
            get(session.connect());
            get(session.videoOn(FoscStream.MAIN));
            for (int i = 0; i < 3; i++) {
                int logins = camera.loginCount();
                camera.inject(FakeFault.reset());
                await(() -> camera.loginCount() > logins && session.state() == FoscSessionState.CONNECTED, WAIT,
                        () -> rec.changes.toString());
            }
            session.close().get(5, TimeUnit.SECONDS);
        } finally {
            logger.detachAppender(appender);
        }
        List<String> info = appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(7, info.size(), String.join("\n", info));
        assertTrue(info.get(0).endsWith(": connected (camera FAKE0000CAM1)"), info.get(0));
        for (int i = 0; i < 3; i++) {
            String lost = info.get(1 + 2 * i); // a reset reads as such, or as a close when the FIN is seen first
            assertTrue(lost.contains(": connection lost: connection reset by the camera;")
                    || lost.contains(": connection lost: camera " + lost.substring(0, lost.indexOf(": "))
                    + " closed the connection;"), lost);
            assertTrue(info.get(2 + 2 * i).contains(": reconnected after 1 attempt in "), info.toString());
        }
        for (String line : info) {
            assertFalse(line.contains("failed with error") || line.contains("Exception"), line);
        }
    }
}

package dev.fosc.client;

import dev.fosc.codec.FoscCommand;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.FoscSessionIT.PASSWORD;
import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.FoscSessionIT.options;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A listener that closes the session from {@code onStateChanged}: the session must stay closed, and the work
 * that followed the state change (opening the connection, restoring video) must not happen.
 */
class FoscCloseFromListenerIT {

    /** Closes the session when it enters {@code trigger}. */
    private static final class ClosingListener extends RecordingListener {
        private final FoscSessionState trigger;

        ClosingListener(FoscSessionState trigger) {
            this.trigger = trigger;
        }

        @Override
        public void onStateChanged(FoscSession session, FoscSessionState from, FoscSessionState to, Throwable cause) {
            super.onStateChanged(session, from, to, cause);
            if (to == trigger) {
                session.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = FoscSessionState.class, names = {"CONNECTING", "LOGGING_IN", "CONNECTED"})
    void closingFromOnStateChangedEndsTheSessionForGood(FoscSessionState trigger) throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password(PASSWORD).start();
             FoscClient client = FoscClient.builder().threads(1).build()) {
            ClosingListener rec = new ClosingListener(trigger);
            FoscSession session = client.newSession(options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD).build(),
                    rec);
            session.videoOn(FoscStream.MAIN); // wanted before the login: restore() would send it
            assertThrows(Exception.class, () -> get(session.connect()));
            get(session.close());
            TimeUnit.MILLISECONDS.sleep(200); // anything the session still did would show by now
            assertEquals(FoscSessionState.CLOSED, session.state());
            List<FoscSessionState> states = rec.states();
            assertEquals(FoscSessionState.CLOSED, states.get(states.size() - 1), states.toString());
            assertEquals(trigger, states.get(states.size() - 2), "nothing after the close: " + states);
            assertTrue(camera.recordedFrames(FoscCommand.VIDEO_ON).isEmpty(), "no VIDEO_ON after the close");
            await(() -> camera.openConnectionCount() == 0, WAIT, () -> camera.openConnectionCount() + " open");
            if (trigger == FoscSessionState.CONNECTING) {
                assertEquals(0, camera.loginAttemptCount(), "no connection was opened after the close");
            }
            assertInstanceOf(FoscSessionClosedException.class,
                    assertThrows(FoscSessionClosedException.class, session::connect));
        }
    }
}

package dev.fosc.client.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fosc.client.FoscSessionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.fosc.client.FoscSessionState.CONNECTED;
import static dev.fosc.client.FoscSessionState.CONNECTING;
import static dev.fosc.client.FoscSessionState.CREDENTIALS_SUSPECT;
import static dev.fosc.client.FoscSessionState.DISCONNECTED;
import static dev.fosc.client.FoscSessionState.LOGGING_IN;
import static dev.fosc.client.FoscSessionState.NEW;
import static dev.fosc.client.FoscSessionState.RECONNECTING;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a session's state changes write to the log: one INFO line per outage start and end, DEBUG otherwise. */
class FoscSessionLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.fosc.client.test.FoscSessionLogTest");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final AtomicLong now = new AtomicLong();
    private final FoscSessionLog log = new FoscSessionLog(logger, "cam:88", now::get);
    private FoscSessionState state = NEW;

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private void to(FoscSessionState next, String cause, long delayNanos) {
        log.changed(state, next, cause, delayNanos);
        state = next;
    }

    private void to(FoscSessionState next) {
        to(next, null, -1);
    }

    private void later(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private List<String> lines(Level level) {
        return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void startUpWritesOneInfoLineAndThreeReconnectsOnlyTheLossAndTheSummary() {
        to(CONNECTING);
        to(LOGGING_IN);
        log.changed(state, CONNECTED, "camera FAKE1", -1);
        state = CONNECTED;
        assertEquals(List.of("cam:88: connected (camera FAKE1)"), lines(Level.INFO));

        to(RECONNECTING, "connection reset by the camera", TimeUnit.MILLISECONDS.toNanos(700));
        for (int i = 0; i < 3; i++) {
            later(700);
            to(CONNECTING);
            if (i < 2) {
                to(RECONNECTING, "connection refused", TimeUnit.MILLISECONDS.toNanos(700));
            }
        }
        later(2100);
        to(LOGGING_IN);
        to(CONNECTED);
        assertEquals(List.of("cam:88: connected (camera FAKE1)",
                "cam:88: connection lost: connection reset by the camera; next attempt in 700 ms",
                "cam:88: reconnected after 3 attempts in 4.2 s"), lines(Level.INFO));
        assertEquals(8, lines(Level.DEBUG).size(), lines(Level.DEBUG).toString());
    }

    @Test
    void aCameraOfflineAtStartWritesOneLineThenOneWhenItComesOnline() {
        to(CONNECTING);
        to(RECONNECTING, "connection refused", TimeUnit.SECONDS.toNanos(1));
        for (int i = 0; i < 5; i++) {
            later(1000);
            to(CONNECTING);
            to(RECONNECTING, "connection refused", TimeUnit.SECONDS.toNanos(1));
        }
        later(1000);
        to(CONNECTING);
        to(LOGGING_IN);
        to(CONNECTED);
        assertEquals(List.of("cam:88: cannot connect: connection refused; next attempt in 1000 ms",
                "cam:88: connected after 6 attempts in 6.0 s"), lines(Level.INFO));
    }

    @Test
    void aLostLoginRegainedOnTheSameConnectionIsOneLineEachWay() {
        to(CONNECTING);
        to(LOGGING_IN);
        to(CONNECTED);
        to(LOGGING_IN, "camera cam:88 reported the login lost (LOGIN_CHECK_REPLY 1)", -1);
        later(300);
        to(CONNECTED);
        assertEquals(List.of("cam:88: connected", "cam:88: login lost, logging in again: camera cam:88 reported the"
                + " login lost (LOGIN_CHECK_REPLY 1)", "cam:88: logged in again in 0.3 s"), lines(Level.INFO));
    }

    @Test
    void aSuspectReloginWarnsOncePerOutageAndGivingUpIsSummarised() {
        to(CONNECTING);
        to(LOGGING_IN);
        to(CONNECTED);
        to(RECONNECTING, "camera cam:88 closed the connection", 0);
        to(CONNECTING);
        to(LOGGING_IN);
        to(CREDENTIALS_SUSPECT, "refused", TimeUnit.SECONDS.toNanos(5));
        to(CONNECTING);
        to(LOGGING_IN);
        to(CREDENTIALS_SUSPECT, "refused", TimeUnit.SECONDS.toNanos(15));
        assertEquals(List.of("cam:88: credentials suspect: refused; next attempt in 5000 ms"), lines(Level.WARN));
        later(20_000);
        to(CONNECTING);
        to(DISCONNECTED, "reconnecting disabled", -1);
        assertEquals(List.of("cam:88: connected", "cam:88: connection lost: camera cam:88 closed the connection;"
                + " next attempt in 0 ms", "cam:88: gave up after 3 attempts in 20.0 s: reconnecting disabled"),
                lines(Level.INFO));
    }
}

package dev.fosc.cli.record;

import dev.fosc.cli.common.CameraConnect;
import dev.fosc.cli.common.CameraTarget;
import dev.fosc.cli.common.ErrorText;
import dev.fosc.cli.common.ExitCodes;
import dev.fosc.client.FoscLoginRefusedException;
import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscRequestRefusedException;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscStream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One camera of {@code fosc record}: its session, its {@link Recorder} and folder, and how it ended. Setting up
 * (login, then video and audio on) may fail for good — a refused login (exit {@value ExitCodes#LOGIN_REFUSED},
 * after exactly one attempt), no connection or a refused request ({@value ExitCodes#CAMERA}); once logged in nothing
 * ends it early: drops and refused re-logins are the session's to repair. A camera whose re-login is still refused
 * when the recording ends ({@link #credentialsStillSuspect()}: the session waits as credentials suspect) exits
 * {@value ExitCodes#LOGIN_REFUSED}. {@link #ended()} completes when this camera stopped recording on its own.
 *
 * <p><b>Threading:</b> {@link #setUp} blocks the calling thread (one per camera); {@link #finish} is called once
 * from the command's thread after the wait. The rest is read from any thread.
 */
public final class CameraRecording {

    private final CameraTarget target;
    private final Path dir;
    private final Recorder recorder;
    private final FoscSession session;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile int exit = ExitCodes.OK;
    private volatile String error;
    private volatile Throwable cause;
    private volatile boolean loggedIn;

    /** Opens the recorder's files in {@code dir} (which must exist) and creates the session on {@code client}. */
    public CameraRecording(CameraTarget target, Path dir, Recorder recorder, FoscClient client,
                           FoscSessionOptions options) {
        this.target = target;
        this.dir = dir;
        this.recorder = recorder;
        this.session = client.newSession(options, recorder);
        recorder.failed().thenAccept(failure -> {
            if (!loggedIn) {
                fail(CameraConnect.failure(failure, target)); // the first login: as connect() fails
            } else {
                // once logged in a refused re-login is not terminal (the session waits as credentials suspect and
                // tries again): what ends a session here is its event loop going away
                fail(ExitCodes.IO, ErrorText.describe(failure), failure);
            }
        });
    }

    /**
     * Logs in and turns video (and audio) on; returns when that is done, failed for good, or {@code stop}
     * completed. A failure is kept ({@link #exit()}, {@link #error()}); a media request that is neither refused
     * nor answered is noted through {@code notice} and left to the session.
     */
    public void setUp(FoscStream stream, boolean audio, CompletableFuture<?> stop, Consumer<String> notice) {
        FoscSessionOptions o = session.options();
        long millis = o.connectTimeout().plus(o.requestTimeout()).toMillis() + 5_000;
        try {
            // "too many users" at the first login would be retried after the long delay: a refusal here
            CompletableFuture.anyOf(session.connect(), stop, recorder.rateLimitedBeforeFirstLogin())
                    .get(millis, TimeUnit.MILLISECONDS);
            if (recorder.rateLimitedBeforeFirstLogin().isDone() && !session.connect().isDone()) {
                fail(CameraConnect.failure(recorder.rateLimitedBeforeFirstLogin().join(), target));
                return;
            }
            if (stop.isDone() && !session.connect().isDone()) {
                return;
            }
            session.connect().get();
            loggedIn = true;
        } catch (ExecutionException e) {
            fail(CameraConnect.failure(e.getCause(), target));
            return;
        } catch (TimeoutException e) {
            fail(ExitCodes.CAMERA, "no answer from " + target.hostPort() + " within " + millis + " ms", e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            CompletableFuture<Void> media = CompletableFuture.allOf(session.videoOn(stream),
                    audio ? session.audioOn() : CompletableFuture.completedFuture(null));
            CompletableFuture.anyOf(media, stop).get(millis, TimeUnit.MILLISECONDS);
            if (media.isDone()) {
                media.get();
            }
        } catch (ExecutionException e) {
            Throwable c = ErrorText.unwrap(e);
            if (c instanceof FoscRequestRefusedException || c instanceof FoscLoginRefusedException) {
                fail(CameraConnect.failure(c, target));
                return;
            }
            notice.accept("turning media on did not complete (" + c.getMessage() + "); recording goes on, the"
                    + " session turns it on again when it reconnects");
        } catch (TimeoutException e) {
            notice.accept("no answer to turning media on within " + millis + " ms; recording goes on");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Called once the recording ran its whole duration: a session still refused at the end (credentials suspect:
     * the camera refused a re-login of the password it had accepted) makes this camera exit
     * {@value ExitCodes#LOGIN_REFUSED}; the recording went on meanwhile and has a gap from then on.
     */
    public void credentialsStillSuspect() {
        Throwable suspect = recorder.credentialsSuspect();
        if (suspect != null) {
            fail(ExitCodes.LOGIN_REFUSED, "the camera refused the re-login of user '" + target.user() + "' and still"
                    + " did when the recording ended (credentials suspect: its limit on back-to-back logins, or a"
                    + " changed password); the recording has a gap from then on", suspect);
        }
    }

    private void fail(dev.fosc.cli.common.CliException e) {
        fail(e.exitCode(), e.getMessage(), e.getCause());
    }

    private synchronized void fail(int code, String message, Throwable why) {
        if (exit == ExitCodes.OK) {
            exit = code;
            error = message;
            cause = why;
        }
        ended.complete(null);
    }

    /**
     * Closes the session and finishes the files ({@code session.json} with {@code outcome}).
     *
     * @param stopped whether Ctrl-C or SIGTERM ended the recording
     */
    public RecordingReport finish(boolean stopped, String stream) throws IOException {
        String profile = target.profileName();
        session.close().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
        String outcome = exit == ExitCodes.OK ? (stopped ? "stopped" : "completed")
                : exit == ExitCodes.LOGIN_REFUSED ? "login refused" : exit == ExitCodes.IO ? "output error"
                : "cannot connect";
        return recorder.finish(new Recorder.Target(target.host(), target.port(), target.user(), profile,
                stream.toLowerCase(Locale.ROOT)), session.stats().reconnects(), outcome, session.quirks());
    }

    /** The camera. */
    public CameraTarget target() {
        return target;
    }

    /** Its folder. */
    public Path dir() {
        return dir;
    }

    /** Its session. */
    public FoscSession session() {
        return session;
    }

    /** Completes when this camera stopped recording on its own (a failure). */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    /** {@value ExitCodes#OK}, or why it ended. */
    public int exit() {
        return exit;
    }

    /** The failure's sentence, or {@code null}. */
    public String error() {
        return error;
    }

    /** The failure's cause (for {@code --verbose}), or {@code null}. */
    public Throwable cause() {
        return cause;
    }

}

package dev.fosc.cli.record;

import dev.fosc.client.FoscAudioFrame;
import dev.fosc.client.FoscEvent;
import dev.fosc.client.FoscLoginEvent;
import dev.fosc.client.FoscLoginInfo;
import dev.fosc.client.FoscLoginRateLimitedException;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionState;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.client.FoscQuirks;
import dev.fosc.client.record.FoscH264FileWriter;
import dev.fosc.client.record.FoscWavFileWriter;
import dev.fosc.codec.FoscMediaHeader;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The session listener behind {@code fosc record}: copies what the camera sends (the client's frames are
 * borrowed) and hands it to one writer thread, which owns the files: {@code video.h264} (from a key frame, and
 * again from a key frame after every reconnect), {@code audio.wav} (PCM, decoded from G.726 by the client),
 * {@code events.jsonl}, and at the end {@code session.json} with the gaps reconnects left.
 *
 * <p><b>Slow disks:</b> at most {@link #MAX_QUEUED_FRAMES} copied frames wait for the writer (plus
 * {@link #MAX_QUEUED_OTHER} events and state changes). Beyond that frames are dropped and counted (the
 * {@code dropped} fields of {@code session.json}); after a dropped video frame the video starts again at the next
 * key frame, so the file stays decodable. {@link #finish} is bounded in time ({@link #DRAIN_TIMEOUT}) and always
 * closes the files and writes {@code session.json}.
 *
 * <p><b>Threading:</b> the listener methods run on the session's event loop and never block (file I/O happens on
 * the writer thread); {@link #finish} is called once, from the command's thread.
 */
public final class Recorder implements FoscSessionListener {

    /** The video file name. */
    public static final String VIDEO_FILE = "video.h264";
    /** The audio file name. */
    public static final String AUDIO_FILE = "audio.wav";
    /** The events file name. */
    public static final String EVENTS_FILE = "events.jsonl";
    /** The session summary file name. */
    public static final String SESSION_FILE = "session.json";
    /**
     * Video and audio frames that may wait for the writer thread (about 10 s of 25 fps video with audio);
     * beyond it frames are dropped and counted.
     */
    public static final int MAX_QUEUED_FRAMES = 512;
    /** Further room in the writer's queue for events and state changes, which frames cannot take. */
    public static final int MAX_QUEUED_OTHER = 256;
    /**
     * How long {@link #finish} lets the writer write what is queued; then the rest is dropped (counted) and it
     * waits as long again for a write in progress before closing the files anyway.
     */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final Clock clock;
    private final PrintWriter notices;
    private volatile String noticePrefix = "fosc record: ";
    private final Duration drainTimeout;
    private final WriterQueue writer;
    private final FoscH264FileWriter video;
    private final FoscWavFileWriter audio;
    private final EventJsonWriter events;
    private final GapTracker gaps = new GapTracker();
    private final CompletableFuture<Throwable> failed = new CompletableFuture<>();
    private final CompletableFuture<FoscLoginRateLimitedException> rateLimitedBeforeFirstLogin =
            new CompletableFuture<>();
    private final Instant started;
    private final AtomicLong videoSkippedAfterDrop = new AtomicLong();
    private volatile FoscLoginInfo loginInfo;
    private volatile Throwable credentialsSuspect;

    // writer thread only
    private long audioFrames;
    private String audioFormat;

    // event loop only
    private boolean everConnected;
    private boolean videoNeedsKeyFrame;
    private Loss pendingLoss;
    private boolean dropNoticed;

    /** A lost connection, noted on the event loop and applied on the writer thread. */
    private record Loss(Instant when, String why) {
    }

    private Recorder(Path dir, boolean withAudio, Clock clock, PrintWriter notices, int maxFrames, int maxOther,
                     Duration drainTimeout, WriterQueue.IoTask beforeEachWrite) throws IOException {
        this.dir = dir;
        this.clock = clock;
        this.notices = notices;
        this.drainTimeout = drainTimeout;
        this.started = clock.instant();
        this.writer = new WriterQueue(maxFrames, maxOther, beforeEachWrite);
        this.video = new FoscH264FileWriter(dir.resolve(VIDEO_FILE));
        this.audio = withAudio ? new FoscWavFileWriter(dir.resolve(AUDIO_FILE)) : null;
        this.events = new EventJsonWriter(dir.resolve(EVENTS_FILE));
        writer.start(e -> {
            notice("cannot write to " + dir + ": " + e.getMessage() + "; recording stops");
            failed.complete(e);
        });
    }

    /**
     * Creates the files in {@code dir} (which must exist).
     *
     * @param notices where one-line notices about losses and resumptions go (standard error)
     */
    public static Recorder open(Path dir, boolean withAudio, Clock clock, PrintWriter notices) throws IOException {
        return new Recorder(dir, withAudio, clock, notices, MAX_QUEUED_FRAMES, MAX_QUEUED_OTHER, DRAIN_TIMEOUT,
                () -> { });
    }

    /** For tests: other limits, and a hook run on the writer thread before each write (a slow disk). */
    static Recorder open(Path dir, boolean withAudio, Clock clock, PrintWriter notices, int maxFrames,
                         Duration drainTimeout, WriterQueue.IoTask beforeEachWrite) throws IOException {
        return new Recorder(dir, withAudio, clock, notices, maxFrames, MAX_QUEUED_OTHER, drainTimeout,
                beforeEachWrite);
    }

    /**
     * What starts each notice line ({@code "fosc record: "} by default; a camera's name when several record).
     *
     * @return this recorder
     */
    public Recorder noticePrefix(String prefix) {
        this.noticePrefix = prefix;
        return this;
    }

    /**
     * The cause of the refused re-login when the session is waiting as credentials suspect now (the camera refused
     * a re-login of credentials it had accepted), else {@code null}. Any thread.
     */
    public Throwable credentialsSuspect() {
        return credentialsSuspect;
    }

    /** Completes with the cause when the session failed for good (the event-loop group went away, say). */
    public CompletableFuture<Throwable> failed() {
        return failed;
    }

    /**
     * Completes when a login was refused as rate limited ("too many users") before the session was ever connected:
     * the session would retry after its long delay, the command takes it as a refusal.
     */
    public CompletableFuture<FoscLoginRateLimitedException> rateLimitedBeforeFirstLogin() {
        return rateLimitedBeforeFirstLogin;
    }

    @Override
    public void onStateChanged(FoscSession session, FoscSessionState from, FoscSessionState to, Throwable cause) {
        Instant now = clock.instant();
        if (to == FoscSessionState.FAILED) {
            failed.complete(cause);
        }
        if (to == FoscSessionState.CREDENTIALS_SUSPECT) {
            if (credentialsSuspect == null) { // once per refusal streak; written by the writer thread
                writer.submit(WriterQueue.Kind.STATE, () -> notice("the camera refused the re-login (credentials"
                        + " suspect: its limit on back-to-back logins, or a changed password); trying again later"));
            }
            credentialsSuspect = cause;
        } else if (to == FoscSessionState.CONNECTED) {
            credentialsSuspect = null;
        }
        if (to == FoscSessionState.CONNECTED) {
            everConnected = true;
        } else if (!everConnected && cause instanceof FoscLoginRateLimitedException) {
            rateLimitedBeforeFirstLogin.complete((FoscLoginRateLimitedException) cause);
        }
        if (from == FoscSessionState.CONNECTED && to != FoscSessionState.CLOSED) {
            String why = cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(to);
            Loss earlier = pendingLoss;
            Loss loss = new Loss(now, why);
            if (writer.submit(WriterQueue.Kind.STATE, () -> {
                if (earlier != null) {
                    lost(earlier);
                }
                lost(loss);
            })) {
                pendingLoss = null;
            } else {
                // the queue is full: the next video task that fits applies it
                pendingLoss = earlier != null ? earlier : loss;
                videoNeedsKeyFrame = true;
                droppedSomething();
            }
        }
    }

    /** Writer thread: a gap opens, video waits for a key frame. */
    private void lost(Loss loss) {
        if (!gaps.inGap()) {
            notice("connection lost (" + loss.why() + "); reconnecting");
        }
        gaps.lost(loss.when(), loss.why());
        video.resync();
    }

    @Override
    public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
        FoscMediaHeader header = frame.header();
        if (videoNeedsKeyFrame && !header.keyFrame()) {
            videoSkippedAfterDrop.incrementAndGet(); // frames before it were dropped: wait for a key frame
            return;
        }
        byte[] data = frame.copyData();
        Instant now = clock.instant();
        boolean resync = videoNeedsKeyFrame || frame.isDiscontinuity(); // a reconnect broke the stream
        Loss loss = pendingLoss;
        if (writer.submit(WriterQueue.Kind.VIDEO, () -> {
            if (loss != null) {
                lost(loss);
            }
            if (resync) {
                video.resync();
            }
            if (video.write(header, data) && gaps.inGap()) {
                List<RecordingGap> before = gaps.gaps();
                gaps.resumed(now);
                RecordingGap gap = before.get(before.size() - 1);
                notice("video resumed after a gap of " + gap.length(now).toMillis() + " ms");
            }
        })) {
            videoNeedsKeyFrame = false;
            pendingLoss = null;
        } else {
            videoNeedsKeyFrame = true;
            droppedSomething();
        }
    }

    @Override
    public void onAudioFrame(FoscSession session, FoscAudioFrame frame) {
        if (audio == null) {
            return;
        }
        byte[] pcm = frame.copyPcm();
        String format = frame.format().jsonName();
        if (!writer.submit(WriterQueue.Kind.AUDIO, () -> {
            audio.write(pcm);
            audioFrames++;
            audioFormat = format;
        })) {
            droppedSomething();
        }
    }

    @Override
    public void onEvent(FoscSession session, FoscEvent event) {
        if (event instanceof FoscLoginEvent) {
            loginInfo = ((FoscLoginEvent) event).info();
        }
        if (!writer.submit(WriterQueue.Kind.EVENT, () -> events.write(event))) {
            droppedSomething();
        }
    }

    /** Event loop: one notice when the writer first falls behind. */
    private void droppedSomething() {
        if (!dropNoticed) {
            dropNoticed = true;
            notice("writing to " + dir + " falls behind: dropping frames (counted in " + SESSION_FILE + ")");
        }
    }

    private void notice(String line) {
        notices.println(noticePrefix + line);
        notices.flush();
    }

    /**
     * Stops recording: lets the writer thread finish what was handed to it (at most {@link #DRAIN_TIMEOUT}, then
     * the rest is dropped and counted), closes the files and writes {@code session.json}, always, in bounded
     * time. Call after the session was closed.
     *
     * @param target host, port, user, profile and stream as given on the command line
     * @param reconnects the session's reconnect count
     * @param outcome {@code completed} or why it stopped early
     * @param quirks the session's quirks ({@code FoscSession.quirks()}: what AUTO learned), or {@code null}
     * @return the report written to {@code session.json}
     * @throws IOException if a file could not be written (session.json is still written when it can be)
     */
    public RecordingReport finish(Target target, long reconnects, String outcome, FoscQuirks quirks)
            throws IOException {
        Instant ended = clock.instant();
        boolean writerEnded = writer.stop(drainTimeout);
        if (!writerEnded) {
            notice("a write to " + dir + " did not end within " + drainTimeout.multipliedBy(2).toMillis()
                    + " ms; closing the files anyway");
        }
        IOException closeError = null;
        for (Closeable c : new Closeable[] {video, audio, events}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                closeError = closeError == null ? e : closeError;
            }
        }
        FoscLoginInfo info = loginInfo;
        RecordingReport report = new RecordingReport(target.host(), target.port(), target.user(), target.profile(),
                target.stream(), info != null ? info.cameraId() : null, info != null ? info.presets() : List.of(),
                info != null ? info.cruises() : List.of(), started, ended, video.frames(), video.keyFrames(),
                video.bytes(), video.skipped(), video.first(), video.last(), audio != null, audioFrames, audioFormat,
                audio != null ? audio.durationMillis() : 0, events.count(), reconnects, gaps.gaps(), outcome,
                writer.dropped(WriterQueue.Kind.VIDEO) + videoSkippedAfterDrop.get(),
                writer.dropped(WriterQueue.Kind.AUDIO), writer.dropped(WriterQueue.Kind.EVENT), quirks);
        try {
            SessionJsonWriter.write(dir.resolve(SESSION_FILE), report);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (writer.ioError() != null) {
            throw writer.ioError();
        }
        if (closeError != null) {
            throw closeError;
        }
        return report;
    }

    /** How long the recording has run. */
    public Duration elapsed() {
        return Duration.between(started, clock.instant());
    }

    /**
     * What was recorded, as given on the command line (for {@code session.json}).
     *
     * @param host camera host
     * @param port camera port
     * @param user user name (never the password)
     * @param profile profile name
     * @param stream {@code main} or {@code sub}
     */
    public record Target(String host, int port, String user, String profile, String stream) {
    }
}

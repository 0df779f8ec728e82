package dev.fosc.cli.record;

import dev.fosc.client.FoscAudioFrame;
import dev.fosc.client.FoscEvent;
import dev.fosc.client.FoscLoginEvent;
import dev.fosc.client.FoscLoginInfo;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionState;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscMediaHeader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The session listener behind {@code fosc record}: copies what the camera sends (the client's frames are
 * borrowed) and hands it to one writer thread, which owns the files: {@code video.h264} (from a key frame, and
 * again from a key frame after every reconnect), {@code audio.wav} (PCM, decoded from G.726 by the client),
 * {@code events.jsonl}, and at the end {@code session.json} with the gaps reconnects left.
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

    private final Path dir;
    private final Clock clock;
    private final PrintWriter notices;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fosc-record-writer");
        t.setDaemon(true);
        return t;
    });
    private final H264FileWriter video;
    private final WavFileWriter audio;
    private final EventJsonWriter events;
    private final GapTracker gaps = new GapTracker();
    private final CompletableFuture<Throwable> failed = new CompletableFuture<>();
    private final Instant started;

    // writer thread only
    private IOException ioError;
    private long audioFrames;
    private String audioFormat;
    private volatile FoscLoginInfo loginInfo;

    private Recorder(Path dir, boolean withAudio, Clock clock, PrintWriter notices) throws IOException {
        this.dir = dir;
        this.clock = clock;
        this.notices = notices;
        this.started = clock.instant();
        this.video = new H264FileWriter(dir.resolve(VIDEO_FILE));
        this.audio = withAudio ? new WavFileWriter(dir.resolve(AUDIO_FILE)) : null;
        this.events = new EventJsonWriter(dir.resolve(EVENTS_FILE));
    }

    /**
     * Creates the files in {@code dir} (which must exist).
     *
     * @param notices where one-line notices about losses and resumptions go (standard error)
     */
    public static Recorder open(Path dir, boolean withAudio, Clock clock, PrintWriter notices) throws IOException {
        return new Recorder(dir, withAudio, clock, notices);
    }

    /** Completes with the cause when the session failed for good (a refused login after a reconnect). */
    public CompletableFuture<Throwable> failed() {
        return failed;
    }

    @Override
    public void onStateChanged(FoscSession session, FoscSessionState from, FoscSessionState to, Throwable cause) {
        Instant now = clock.instant();
        if (to == FoscSessionState.FAILED) {
            failed.complete(cause);
        }
        if (from == FoscSessionState.CONNECTED && to != FoscSessionState.CLOSED) {
            String why = cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(to);
            submit(() -> {
                if (!gaps.inGap()) {
                    notice("connection lost (" + why + "); reconnecting");
                }
                gaps.lost(now, why);
                video.resync();
            });
        }
    }

    @Override
    public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
        FoscMediaHeader header = frame.header();
        byte[] data = frame.copyData();
        Instant now = clock.instant();
        submit(() -> {
            if (video.write(header, data) && gaps.inGap()) {
                List<RecordingGap> before = gaps.gaps();
                gaps.resumed(now);
                RecordingGap gap = before.get(before.size() - 1);
                notice("video resumed after a gap of " + gap.length(now).toMillis() + " ms");
            }
        });
    }

    @Override
    public void onAudioFrame(FoscSession session, FoscAudioFrame frame) {
        if (audio == null) {
            return;
        }
        byte[] pcm = frame.copyPcm();
        String format = frame.format().jsonName();
        submit(() -> {
            audio.write(pcm);
            audioFrames++;
            audioFormat = format;
        });
    }

    @Override
    public void onEvent(FoscSession session, FoscEvent event) {
        if (event instanceof FoscLoginEvent) {
            loginInfo = ((FoscLoginEvent) event).info();
        }
        submit(() -> events.write(event));
    }

    private interface IoTask {
        void run() throws IOException;
    }

    private void submit(IoTask task) {
        try {
            writer.execute(() -> {
                if (ioError != null) {
                    return;
                }
                try {
                    task.run();
                } catch (IOException e) {
                    ioError = e;
                    notice("cannot write to " + dir + ": " + e.getMessage() + "; recording stops");
                    failed.complete(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // finishing: late frames are not recorded
        }
    }

    private void notice(String line) {
        notices.println("fosc record: " + line);
        notices.flush();
    }

    /**
     * Stops recording: lets the writer thread finish what was handed to it, closes the files and writes
     * {@code session.json}. Call after the session was closed.
     *
     * @param target host, port, user, profile and stream as given on the command line
     * @param reconnects the session's reconnect count
     * @param outcome {@code completed} or why it stopped early
     * @return the report written to {@code session.json}
     * @throws IOException if a file could not be written
     */
    public RecordingReport finish(Target target, long reconnects, String outcome) throws IOException {
        Instant ended = clock.instant();
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IOException("the writer thread did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while finishing the files", e);
        }
        try (H264FileWriter v = video; EventJsonWriter ev = events) {
            if (audio != null) {
                audio.close();
            }
        }
        if (ioError != null) {
            throw ioError;
        }
        FoscLoginInfo info = loginInfo;
        RecordingReport report = new RecordingReport(target.host(), target.port(), target.user(), target.profile(),
                target.stream(), info != null ? info.cameraId() : null, info != null ? info.presets() : List.of(),
                info != null ? info.cruises() : List.of(), started, ended, video.frames(), video.keyFrames(),
                video.bytes(), video.skipped(), video.first(), video.last(), audio != null, audioFrames, audioFormat,
                audio != null ? audio.durationMillis() : 0, events.count(), reconnects, gaps.gaps(), outcome);
        try {
            SessionJsonWriter.write(dir.resolve(SESSION_FILE), report);
        } catch (UncheckedIOException e) {
            throw e.getCause();
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

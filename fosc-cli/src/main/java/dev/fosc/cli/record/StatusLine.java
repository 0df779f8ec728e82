package dev.fosc.cli.record;

import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionState;
import dev.fosc.client.FoscSessionStats;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live progress of {@code fosc record} on standard error: elapsed time, video frames, frames per second and
 * kbit/s over the last interval, events and reconnects, from the sessions' stats. On a terminal one line is
 * rewritten in place every second (for one camera its name, for several a summary); elsewhere a plain line is
 * written every ten seconds, so that a log shows that a long recording is alive.
 *
 * <p><b>Threading:</b> one daemon thread samples and prints; {@link #close()} from the command's thread stops it and
 * ends the in-place line.
 */
public final class StatusLine implements AutoCloseable {

    /** How often a terminal's line is rewritten. */
    public static final Duration TERMINAL_INTERVAL = Duration.ofSeconds(1);
    /** How often a plain line is written elsewhere. */
    public static final Duration PLAIN_INTERVAL = Duration.ofSeconds(10);

    private final List<CameraRecording> cameras;
    private final PrintWriter err;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private long lastNanos = startNanos;
    private long lastFrames;
    private long lastBytes;
    private int lastLength;

    private StatusLine(List<CameraRecording> cameras, PrintWriter err, boolean terminal, Duration interval) {
        this.cameras = cameras;
        this.err = err;
        this.terminal = terminal;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fosc-record-status");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::print, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts printing.
     *
     * @param terminal whether standard error is a terminal (the line is rewritten in place)
     * @param interval how often; {@code null} for the default of the kind of output
     */
    public static StatusLine start(List<CameraRecording> cameras, PrintWriter err, boolean terminal,
                                   Duration interval) {
        return new StatusLine(cameras, err, terminal, interval != null ? interval
                : terminal ? TERMINAL_INTERVAL : PLAIN_INTERVAL);
    }

    private synchronized void print() {
        long now = System.nanoTime();
        long frames = 0;
        long bytes = 0;
        long events = 0;
        long reconnects = 0;
        int connected = 0;
        for (CameraRecording c : cameras) {
            FoscSession s = c.session();
            FoscSessionStats st = s.stats();
            frames += st.videoFrames();
            bytes += st.videoBytes();
            events += st.events();
            reconnects += st.reconnects();
            connected += s.state() == FoscSessionState.CONNECTED ? 1 : 0;
        }
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        String line = String.format(Locale.ROOT, "%s  %s  %d frames  %.1f fps  %d kbit/s  %d events  %d reconnects%s",
                cameras.size() == 1 ? cameras.get(0).target().name() : cameras.size() + " cameras",
                elapsed(now), frames, (frames - lastFrames) / seconds,
                Math.round((bytes - lastBytes) * 8 / 1000.0 / seconds), events, reconnects,
                cameras.size() == 1 ? (connected == 1 ? "" : "  (reconnecting)")
                        : "  (" + connected + " connected)");
        lastNanos = now;
        lastFrames = frames;
        lastBytes = bytes;
        if (terminal) {
            int pad = Math.max(0, lastLength - line.length());
            err.print("\r" + line + " ".repeat(pad));
            lastLength = line.length();
        } else {
            err.println("progress: " + line);
        }
        err.flush();
    }

    private String elapsed(long now) {
        long s = (now - startNanos) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (terminal && lastLength > 0) {
            err.println();
            err.flush();
        }
    }
}

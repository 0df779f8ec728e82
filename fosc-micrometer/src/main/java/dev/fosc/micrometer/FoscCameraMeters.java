package dev.fosc.micrometer;

import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionStats;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The counters of one camera ({@code host:port}): the sum over the client's sessions to it, since the first of them
 * joined. Sessions that end while another to the same camera lives on keep their counts here, so the counters never
 * go backwards; the meters are removed once the last session to the camera ended (see
 * {@link FoscMeterOptions#endedCameraRetention()}).
 *
 * <p>Threading: {@link #add} and {@link #remove} come from {@link dev.fosc.client.FoscSessionObserver} calls; the
 * meters read {@link #sum()} on the scraping thread. All take this object's lock, held for a sum of a few volatile
 * counters.
 */
final class FoscCameraMeters {

    private final String camera;
    private final List<FoscSession> sessions = new ArrayList<>(1); // guarded by this
    private FoscSessionStats ended = FoscSessionStats.ZERO; // guarded by this
    private List<Meter> meters = List.of(); // guarded by this

    FoscCameraMeters(String camera) {
        this.camera = camera;
    }

    /** The {@code camera} tag value of a session: {@code host:port}, an IPv6 host in brackets. */
    static String cameraTag(FoscSession session) {
        InetSocketAddress remote = session.remoteAddress();
        String host = remote.getHostString();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return host + ":" + remote.getPort();
    }

    /** Registers this camera's counters, tagged {@code camera} and {@code tags}. */
    synchronized void register(MeterRegistry registry, Tags tags, Duration snapshotMaxAge) {
        meters = FoscStatsMeters.register(registry, this, new FoscSnapshotCache<>(this::sum, snapshotMaxAge),
                tags.and("camera", camera));
    }

    synchronized void add(FoscSession session) {
        if (!sessions.contains(session)) {
            sessions.add(session);
        }
    }

    /**
     * A session to this camera ended: its counts stay in the sum.
     *
     * @return true if it was the last one (then remove the meters)
     */
    synchronized boolean remove(FoscSession session) {
        if (sessions.remove(session)) {
            ended = ended.plus(session.stats());
        }
        return sessions.isEmpty();
    }

    /** Whether no session to this camera is live. */
    synchronized boolean isEmpty() {
        return sessions.isEmpty();
    }

    /** Removes this camera's counters from {@code registry}. */
    synchronized void unregister(MeterRegistry registry) {
        for (Meter meter : meters) {
            registry.remove(meter);
        }
        meters = List.of();
    }

    /** The counters of the live sessions plus those of the ended ones. */
    synchronized FoscSessionStats sum() {
        FoscSessionStats sum = ended;
        for (FoscSession s : sessions) {
            sum = sum.plus(s.stats());
        }
        return sum;
    }
}

package dev.fosc.micrometer;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscClientStats;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionObserver;
import dev.fosc.client.FoscSessionState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters for a {@link FoscClient}: {@code fosc.*} counters read lazily from
 * {@link FoscClient#stats()} or {@link FoscSession#stats()} (nothing is counted twice, and the sessions pay nothing
 * per frame), and the client's sessions by state. See the module's README for the table of meters.
 *
 * <pre>{@code
 * FoscMicrometer metrics = FoscMicrometer.bind(client, registry, FoscMeterOptions.DEFAULT);
 * ...
 * metrics.close(); // removes the meters
 * }</pre>
 *
 * <h2>Per camera or per client</h2>
 * With {@link FoscMeterOptions#perCamera()} (the default) each counter is registered per camera, tagged
 * {@code camera=host:port}, when the first session to a camera joins the client; it is removed
 * {@link FoscMeterOptions#endedCameraRetention()} after the last one ended, so that a scrape still sees a refused
 * login, for instance (the removal runs on that session's event loop; a loop shut down before then leaves the
 * meters until {@link #close()}). Without it, each counter is registered once, with the client's totals, and no
 * per-camera meter exists: the choice for fleets of thousands of cameras. The two never coexist under one name, so
 * a sum over the {@code camera} tag is never doubled. {@code fosc.sessions} and {@code fosc.sessions.ended} are
 * client-level in both cases.
 *
 * <h2>Ownership and threading</h2>
 * Thread-safe. One instance binds one client to one registry; it does not own either and closes neither.
 * {@link #close()} removes the meters it registered and stops following the client's sessions. Per-camera meters
 * are registered and removed from the client's {@link FoscSessionObserver} calls (the thread creating a session, or
 * the session's event loop when it ends); meter values are computed on the thread reading them (a scrape), never on
 * an event loop. A closed client's meters keep their last values until this binder is closed.
 */
public final class FoscMicrometer implements MeterBinder, AutoCloseable {

    private final FoscClient client;
    private final FoscMeterOptions options;
    private final Observer observer = new Observer();
    private final List<Meter> clientMeters = new ArrayList<>(); // guarded by this
    private final Map<String, FoscCameraMeters> cameras = new HashMap<>(); // guarded by cameras
    private volatile MeterRegistry registry; // written under this, once
    private volatile boolean closed; // written under this

    /**
     * A binder for {@code client}; nothing is registered until {@link #bindTo}.
     *
     * @param client the client
     * @param options the options
     */
    public FoscMicrometer(FoscClient client, FoscMeterOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Registers {@code client}'s meters in {@code registry}; {@link #close()} the result to remove them.
     *
     * @param client the client
     * @param registry the meter registry
     * @param options the options
     * @return the binder, registered; close it to remove the meters
     */
    public static FoscMicrometer bind(FoscClient client, MeterRegistry registry, FoscMeterOptions options) {
        FoscMicrometer metrics = new FoscMicrometer(client, options);
        metrics.bindTo(registry);
        return metrics;
    }

    /**
     * Registers the meters in {@code registry}.
     *
     * @throws IllegalStateException if already bound (to this or another registry: use a composite registry to
     *     publish to several) or closed
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("this FoscMicrometer is closed");
            }
            if (this.registry != null) {
                throw new IllegalStateException("this FoscMicrometer is bound already; bind a composite registry "
                        + "to publish to several");
            }
            this.registry = registry;
            registerClientMeters(registry);
        }
        if (options.perCamera()) {
            client.addSessionObserver(observer); // outside our lock: it calls back under the client's lock
        }
    }

    private void registerClientMeters(MeterRegistry registry) {
        Tags tags = options.tags();
        FoscSnapshotCache<FoscClientStats> stats = new FoscSnapshotCache<>(client::stats, options.snapshotMaxAge());
        for (FoscSessionState state : FoscSessionState.values()) {
            clientMeters.add(Gauge.builder("fosc.sessions", client, c -> stats.get().sessions(state))
                    .description("The client's live sessions by state").tags(tags)
                    .tag("state", state.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        clientMeters.add(FunctionCounter.builder("fosc.sessions.ended", client, c -> stats.get().sessionsClosed())
                .description("Sessions that ended, closed or failed").tags(tags).tag("state", "closed")
                .register(registry));
        clientMeters.add(FunctionCounter.builder("fosc.sessions.ended", client, c -> stats.get().sessionsFailed())
                .description("Sessions that ended, closed or failed").tags(tags).tag("state", "failed")
                .register(registry));
        clientMeters.add(Gauge.builder("fosc.buffered.bytes", client, c -> stats.get().bufferedBytes())
                .description("Bytes the live sessions' subscriber buffers hold now (receive buffers pinned once)")
                .tags(tags).register(registry));
        if (!options.perCamera()) {
            clientMeters.addAll(FoscStatsMeters.register(registry, client, () -> stats.get().totals(), tags));
        }
    }

    /** Removes every meter this binder registered and stops following the client's sessions. Idempotent. */
    @Override
    public void close() {
        client.removeSessionObserver(observer); // after this no observer call runs or comes
        synchronized (this) {
            closed = true;
            if (registry == null) {
                return;
            }
            for (Meter meter : clientMeters) {
                registry.remove(meter);
            }
            clientMeters.clear();
            synchronized (cameras) {
                for (FoscCameraMeters camera : cameras.values()) {
                    camera.unregister(registry);
                }
                cameras.clear();
            }
        }
    }

    // The observer calls hold the client's session lock; they take only the cameras' locks, never this object's
    // (which may wait for the client's lock while a gauge reads its stats), so the locks cannot form a cycle.

    private void sessionAdded(FoscSession session) {
        String tag = FoscCameraMeters.cameraTag(session);
        synchronized (cameras) {
            if (closed) {
                return;
            }
            FoscCameraMeters camera = cameras.get(tag);
            if (camera == null) {
                camera = new FoscCameraMeters(tag);
                camera.register(registry, options.tags(), options.snapshotMaxAge());
                cameras.put(tag, camera);
            }
            camera.add(session);
        }
    }

    private void sessionRemoved(FoscSession session) {
        String tag = FoscCameraMeters.cameraTag(session);
        FoscCameraMeters camera;
        synchronized (cameras) {
            camera = cameras.get(tag);
            if (camera == null || !camera.remove(session)) {
                return;
            }
        }
        Duration retention = options.endedCameraRetention();
        if (retention.isZero()) {
            dropIfStillEnded(tag, camera);
            return;
        }
        try { // on the session's own loop: no timer thread of ours
            session.eventLoop().schedule(() -> dropIfStillEnded(tag, camera), retention.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            dropIfStillEnded(tag, camera); // the loop is shut down
        }
    }

    /** Removes the camera's counters unless a new session to it joined meanwhile (or the binder closed). */
    private void dropIfStillEnded(String tag, FoscCameraMeters camera) {
        synchronized (cameras) {
            if (cameras.get(tag) == camera && camera.isEmpty()) {
                camera.unregister(registry);
                cameras.remove(tag);
            }
        }
    }

    /** The client's session observer; a separate object so that the binder's API stays its own. */
    private final class Observer implements FoscSessionObserver {
        @Override
        public void sessionAdded(FoscSession session) {
            FoscMicrometer.this.sessionAdded(session);
        }

        @Override
        public void sessionRemoved(FoscSession session) {
            FoscMicrometer.this.sessionRemoved(session);
        }
    }
}

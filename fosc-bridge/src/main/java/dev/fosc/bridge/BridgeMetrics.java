package dev.fosc.bridge;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSessionState;
import dev.fosc.micrometer.FoscMeterOptions;
import dev.fosc.micrometer.FoscMicrometer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Collection;

/**
 * The meters behind {@code GET /metrics}: a Prometheus registry of its own with the client's meters
 * ({@link FoscMicrometer}, {@code fosc.*}, per camera tagged {@code camera=HOST:PORT}) and the bridge's, per camera
 * tagged {@code camera=NAME}: {@code fosc.bridge.viewers} (gauge), {@code fosc.bridge.frames.dropped} (counter) and
 * {@code fosc.bridge.session.up} (gauge, 1 while the upstream session is connected, else 0).
 *
 * <p><b>Threading:</b> {@link #scrape()} may be called from any thread, and should not be called on an event loop
 * (the client's meters sum its sessions' counters on the reading thread). Values are read when scraped.
 */
final class BridgeMetrics implements AutoCloseable {

    /** The Prometheus text exposition format 0.0.4, what {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FoscMicrometer clientMeters;

    BridgeMetrics(FoscClient client, Collection<BridgeCamera> cameras) {
        this.clientMeters = FoscMicrometer.bind(client, registry, FoscMeterOptions.DEFAULT);
        for (BridgeCamera camera : cameras) {
            String name = camera.name();
            Gauge.builder("fosc.bridge.viewers", camera, c -> c.stats().viewers())
                    .description("RTSP viewers playing the camera now").tag("camera", name).register(registry);
            FunctionCounter.builder("fosc.bridge.frames.dropped", camera, c -> c.stats().droppedFrames())
                    .description("video frames not sent to a viewer that had fallen behind, summed over viewers")
                    .tag("camera", name).register(registry);
            Gauge.builder("fosc.bridge.session.up", camera,
                            c -> c.stats().state() == FoscSessionState.CONNECTED ? 1 : 0)
                    .description("1 while the camera's upstream session is connected, else 0")
                    .tag("camera", name).register(registry);
        }
    }

    /** @return every meter in the Prometheus text format 0.0.4 ({@link #CONTENT_TYPE}) */
    String scrape() {
        return registry.scrape();
    }

    /** Removes the client's meters (the client stays open) and closes the registry. */
    @Override
    public void close() {
        clientMeters.close();
        registry.close();
    }
}

package dev.fosc.bridge;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSessionState;
import dev.fosc.micrometer.FoscMeterOptions;
import dev.fosc.micrometer.FoscMicrometer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The bridge's meters, in a Prometheus registry of its own (behind {@code GET /metrics}) or in the application's
 * registry ({@link BridgeServer.Builder#meterRegistry}): the client's meters ({@link FoscMicrometer}, {@code fosc.*},
 * per camera tagged {@code camera=HOST:PORT}) and the bridge's, per camera tagged {@code camera=NAME}:
 * {@code fosc.bridge.viewers} (gauge), {@code fosc.bridge.frames.dropped} (counter) and {@code fosc.bridge.session.up}
 * (gauge, 1 while the upstream session is connected, else 0). With {@link FoscMeterOptions#perCamera()} false there
 * is no camera tag: the viewers and dropped frames are summed over the cameras, and {@code fosc.bridge.session.up} is
 * the number of cameras connected. The options' common tags go on the bridge's meters too.
 *
 * <p><b>Threading:</b> {@link #scrape()} may be called from any thread, and should not be called on an event loop
 * (the client's meters sum its sessions' counters on the reading thread). Values are read when scraped.
 */
final class BridgeMetrics implements AutoCloseable {

    /** The Prometheus text exposition format 0.0.4, what {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MeterRegistry registry;
    private final boolean own;
    private final FoscMicrometer clientMeters;
    private final List<Meter> meters = new ArrayList<>();

    /**
     * Binds the meters to {@code appRegistry}, or to a Prometheus registry of its own when it is {@code null}.
     */
    BridgeMetrics(FoscClient client, Collection<BridgeCamera> cameras, MeterRegistry appRegistry,
                  FoscMeterOptions options) {
        this.own = appRegistry == null;
        this.registry = own ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : appRegistry;
        this.clientMeters = FoscMicrometer.bind(client, registry, options);
        Tags common = options.tags();
        if (options.perCamera()) {
            for (BridgeCamera camera : cameras) {
                register(List.of(camera), common.and("camera", camera.name()));
            }
        } else {
            register(List.copyOf(cameras), common);
        }
    }

    private void register(List<BridgeCamera> cameras, Tags tags) {
        meters.add(Gauge.builder("fosc.bridge.viewers", cameras, sum(c -> c.stats().viewers()))
                .description("RTSP viewers playing the camera now").tags(tags).register(registry));
        meters.add(FunctionCounter.builder("fosc.bridge.frames.dropped", cameras, sum(c -> c.stats().droppedFrames()))
                .description("video frames not sent to a viewer that had fallen behind, summed over viewers")
                .tags(tags).register(registry));
        meters.add(Gauge.builder("fosc.bridge.session.up", cameras,
                        sum(c -> c.stats().state() == FoscSessionState.CONNECTED ? 1 : 0))
                .description(cameras.size() == 1 && tags.stream().anyMatch(t -> t.getKey().equals("camera"))
                        ? "1 while the camera's upstream session is connected, else 0"
                        : "cameras whose upstream session is connected")
                .tags(tags).register(registry));
    }

    private static ToDoubleFunction<List<BridgeCamera>> sum(ToDoubleFunction<BridgeCamera> value) {
        return cameras -> {
            double total = 0;
            for (BridgeCamera c : cameras) {
                total += value.applyAsDouble(c);
            }
            return total;
        };
    }

    /**
     * The meters in the Prometheus text format 0.0.4 ({@link #CONTENT_TYPE}).
     *
     * @return the text, or {@code null} when the registry is the application's and not a Prometheus one
     */
    String scrape() {
        return registry instanceof PrometheusMeterRegistry prometheus ? prometheus.scrape() : null;
    }

    /**
     * Removes the client's meters (the client stays open) and the bridge's; closes the registry if it is the
     * bridge's own.
     */
    @Override
    public void close() {
        clientMeters.close();
        meters.forEach(registry::remove);
        if (own) {
            registry.close();
        }
    }
}

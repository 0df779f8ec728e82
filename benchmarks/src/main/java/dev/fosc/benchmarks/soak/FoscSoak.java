package dev.fosc.benchmarks.soak;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscSessionState;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraFleet;
import dev.fosc.testkit.FakeFault;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak run of issue 8 (not in CI): a fleet of fake cameras streaming to one {@link FoscClient} for a long
 * time while the faults of {@code FoscFaultScheduleIT} (resets, stalls, reboots, rate-limited re-logins, lost
 * replies, a slow consumer) hit random cameras at random times. Every sample period it prints one JSON line:
 * heap used and heap used after a GC, direct memory (NIO's count and Netty's), the bytes the sessions buffer,
 * cameras streaming, failed sessions, logins, faults so far. A last line summarises the run.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.fosc.benchmarks.soak.FoscSoak \
 *     [--cameras 1000] [--duration 60m] [--sample 60s] [--fault-every 5m] [--seed 8] [--fps 5] [--threads 2]
 * </pre>
 *
 * Single-threaded driver: the main thread samples; one timer thread injects faults (through
 * {@code FakeCamera.schedule}, which does not wait) and switches slow consumers. Exits 0 once the duration is
 * over; it asserts nothing: whoever runs it reads the figures (see RELIABILITY.md).
 */
public final class FoscSoak {

    private enum Kind { RESET, STALL, REBOOT, RATE_LIMITED_RELOGIN, LOST_VIDEO_ON, LOST_LOGIN_CHECKS, SLOW_CONSUMER }

    private static final String PASSWORD = "pw";

    /** One session: the latest frame's time; a subscriber that can stop requesting (the slow consumer). */
    private static final class Watched implements FoscSessionListener, Flow.Subscriber<FoscVideoFrame> {
        final AtomicLong lastFrameNanos = new AtomicLong();
        volatile Flow.Subscription subscription;
        volatile boolean slow;
        FoscSession session;

        @Override
        public void onVideoFrame(FoscSession s, FoscVideoFrame frame) {
            lastFrameNanos.set(System.nanoTime());
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(FoscVideoFrame item) {
            if (!slow) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }
    }

    private FoscSoak() {
    }

    public static void main(String[] args) throws Exception {
        int cameras = 1000;
        Duration duration = Duration.ofMinutes(60);
        Duration sample = Duration.ofSeconds(60);
        Duration faultEvery = Duration.ofMinutes(5);
        long seed = 8;
        int fps = 5;
        int threads = 2;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--cameras": cameras = Integer.parseInt(v); i++; break;
                case "--duration": duration = parse(v); i++; break;
                case "--sample": sample = parse(v); i++; break;
                case "--fault-every": faultEvery = parse(v); i++; break;
                case "--seed": seed = Long.parseLong(v); i++; break;
                case "--fps": fps = Integer.parseInt(v); i++; break;
                case "--threads": threads = Integer.parseInt(v); i++; break;
                default:
                    System.err.println("usage: FoscSoak [--cameras N] [--duration 60m] [--sample 60s] "
                            + "[--fault-every 5m] [--seed N] [--fps N] [--threads N]");
                    System.exit(2);
            }
        }
        System.out.printf(Locale.ROOT, "{\"soak\":\"start\",\"cameras\":%d,\"duration_s\":%d,\"sample_s\":%d,"
                        + "\"fault_every_s\":%d,\"seed\":%d,\"fps\":%d,\"threads\":%d,\"max_heap_mb\":%d,"
                        + "\"max_direct_mb\":%d,\"allocator\":\"%s\"}%n", cameras, duration.toSeconds(),
                sample.toSeconds(), faultEvery.toSeconds(), seed, fps, threads,
                Runtime.getRuntime().maxMemory() >> 20, PlatformDependent.maxDirectMemory() >> 20,
                ByteBufAllocator.DEFAULT.getClass().getSimpleName());
        run(cameras, duration, sample, faultEvery, seed, fps, threads);
    }

    private static Duration parse(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        long n = Long.parseLong(s.replaceAll("[a-z]+$", ""));
        if (s.endsWith("ms")) {
            return Duration.ofMillis(n);
        } else if (s.endsWith("h")) {
            return Duration.ofHours(n);
        } else if (s.endsWith("m")) {
            return Duration.ofMinutes(n);
        }
        return Duration.ofSeconds(n);
    }

    private static void run(int cameras, Duration duration, Duration sample, Duration faultEvery, long seed, int fps,
                            int threads) throws Exception {
        Random random = new Random(seed);
        FoscReconnectPolicy policy = FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(200))
                .maxDelay(Duration.ofSeconds(2)).rateLimitedDelay(Duration.ofSeconds(3))
                .stableTime(Duration.ofSeconds(5)).retryFirstConnect(true).build();
        Map<Kind, AtomicLong> faults = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            faults.put(k, new AtomicLong());
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        List<Watched> watched = new ArrayList<>();
        long start = System.nanoTime();
        try (FakeCameraFleet fleet = FakeCameraFleet.builder(FakeCamera.builder().password(PASSWORD).fps(fps)
                        .loginRateLimit(Duration.ofSeconds(2)).record(false))
                .cameras(cameras).threads(threads).start();
             FoscClient client = FoscClient.builder().threads(threads).build()) {
            for (int i = 0; i < cameras; i++) {
                FakeCamera camera = fleet.camera(i);
                Watched w = new Watched();
                w.session = client.newSession(FoscSessionOptions.builder(camera.host(),
                                FoscCredentials.of(FakeCamera.DEFAULT_USER, PASSWORD)).port(camera.port())
                        .keepaliveInterval(Duration.ofSeconds(1)).readerIdleTimeout(Duration.ofSeconds(3))
                        .requestTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(2))
                        .reconnectPolicy(policy).build(), w);
                w.session.videoFrames().subscribe(w);
                watched.add(w);
                w.session.connect();
                w.session.videoOn(FoscStream.SUB);
            }
            for (int i = 0; i < cameras; i++) {
                scheduleNext(fleet.camera(i), watched.get(i), timer, random, faultEvery, faults);
            }
            long end = start + duration.toNanos();
            long next = start + sample.toNanos();
            List<Long> heapAfterGc = new ArrayList<>();
            while (true) {
                long now = System.nanoTime();
                long until = Math.min(next, end);
                if (until > now) {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(until - now) + 1);
                }
                heapAfterGc.add(sampleLine(start, fleet, client, watched, faults));
                if (System.nanoTime() - end >= 0) {
                    break;
                }
                next += sample.toNanos();
            }
            long first = heapAfterGc.get(0);
            long last = heapAfterGc.get(heapAfterGc.size() - 1);
            long max = heapAfterGc.stream().mapToLong(Long::longValue).max().orElse(0);
            System.out.printf(Locale.ROOT, "{\"soak\":\"end\",\"samples\":%d,\"heap_after_gc_first_mb\":%.1f,"
                            + "\"heap_after_gc_last_mb\":%.1f,\"heap_after_gc_max_mb\":%.1f}%n", heapAfterGc.size(),
                    first / 1048576.0, last / 1048576.0, max / 1048576.0);
        } finally {
            timer.shutdownNow();
        }
    }

    /** Schedules this camera's next fault at a random time around {@code every} from now, and so on. */
    private static void scheduleNext(FakeCamera camera, Watched w, ScheduledExecutorService timer, Random random,
                                     Duration every, Map<Kind, AtomicLong> faults) {
        long delay = (long) (every.toMillis() * (0.5 + random.nextDouble()));
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        timer.schedule(() -> {
            try {
                inject(kind, camera, w, timer);
                faults.get(kind).incrementAndGet();
            } catch (RuntimeException e) {
                System.err.println("fault " + kind + " not injected: " + e);
            }
            scheduleNext(camera, w, timer, random, every, faults);
        }, delay, TimeUnit.MILLISECONDS);
    }

    private static void inject(Kind kind, FakeCamera camera, Watched w, ScheduledExecutorService timer) {
        switch (kind) {
            case RESET:
                camera.schedule(FakeFault.reset(), Duration.ZERO);
                break;
            case STALL:
                camera.schedule(FakeFault.stall(), Duration.ZERO);
                break;
            case REBOOT:
                camera.schedule(FakeFault.refuseConnections(Duration.ofSeconds(3)), Duration.ZERO);
                break;
            case RATE_LIMITED_RELOGIN:
                camera.schedule(FakeFault.reset(), Duration.ZERO);
                camera.schedule(FakeFault.reset(), Duration.ofSeconds(1));
                break;
            case LOST_VIDEO_ON:
                camera.schedule(FakeFault.ignoreRequests(FoscCommand.VIDEO_ON, 1), Duration.ZERO);
                camera.schedule(FakeFault.reset(), Duration.ofMillis(100));
                break;
            case LOST_LOGIN_CHECKS:
                camera.schedule(FakeFault.ignoreRequests(FoscCommand.LOGIN_CHECK, Duration.ofMillis(2500)),
                        Duration.ZERO);
                break;
            case SLOW_CONSUMER:
                w.slow = true;
                camera.schedule(FakeFault.videoBurst(100), Duration.ZERO);
                timer.schedule(() -> {
                    w.slow = false;
                    Flow.Subscription s = w.subscription;
                    if (s != null) {
                        s.request(1);
                    }
                }, 6, TimeUnit.SECONDS);
                break;
            default:
                throw new AssertionError(kind);
        }
    }

    /** Prints one sample as a JSON line; returns the heap used after GC. */
    private static long sampleLine(long start, FakeCameraFleet fleet, FoscClient client, List<Watched> watched,
                                   Map<Kind, AtomicLong> faults) {
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.gc();
        long heapAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long nioDirect = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if ("direct".equals(pool.getName())) {
                nioDirect = pool.getMemoryUsed();
            }
        }
        long nettyDirect = PlatformDependent.usedDirectMemory(); // -1 when Netty does not count
        long allocatorDirect = ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider
                ? ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory() : -1;
        long now = System.nanoTime();
        int streaming = 0;
        int failed = 0;
        int connected = 0;
        for (Watched w : watched) {
            if (now - w.lastFrameNanos.get() < TimeUnit.SECONDS.toNanos(10)) {
                streaming++;
            }
            if (w.session.state() == FoscSessionState.FAILED) {
                failed++;
            } else if (w.session.state() == FoscSessionState.CONNECTED) {
                connected++;
            }
        }
        long faultCount = faults.values().stream().mapToLong(AtomicLong::get).sum();
        long refused = fleet.cameras().stream().mapToLong(FakeCamera::refusedLoginCount).sum();
        System.out.printf(Locale.ROOT, "{\"t_s\":%d,\"heap_used_mb\":%.1f,\"heap_after_gc_mb\":%.1f,"
                        + "\"direct_nio_mb\":%.1f,\"direct_netty_mb\":%.1f,\"direct_allocator_mb\":%.1f,"
                        + "\"buffered_bytes\":%d,\"streaming_10s\":%d,\"connected\":%d,\"failed\":%d,\"logins\":%d,"
                        + "\"logins_refused\":%d,\"faults\":%d,\"faults_by_kind\":\"%s\"}%n",
                TimeUnit.NANOSECONDS.toSeconds(now - start), heapUsed / 1048576.0, heapAfterGc / 1048576.0,
                nioDirect / 1048576.0, nettyDirect / 1048576.0, allocatorDirect / 1048576.0,
                client.stats().bufferedBytes(), streaming, connected, failed, fleet.loginCount(), refused, faultCount,
                faults);
        return heapAfterGc;
    }
}

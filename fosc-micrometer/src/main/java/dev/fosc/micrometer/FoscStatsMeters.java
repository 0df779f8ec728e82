package dev.fosc.micrometer;

import dev.fosc.client.FoscSessionStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The counters read from {@link FoscSessionStats}: one table, registered once for the client's totals or once per
 * camera. Every name keeps one set of tag keys (backends such as Prometheus insist on it).
 */
final class FoscStatsMeters {

    /** One counter: a name, its one distinguishing tag (or none), and the component it reads. */
    record Counter(String name, String tagKey, String tagValue, String description,
                   ToLongFunction<FoscSessionStats> value) {
    }

    static final List<Counter> COUNTERS = List.of(
            new Counter("fosc.frames.received", "stream", "main", "Video frames received while the main stream "
                    + "was requested", FoscSessionStats::mainVideoFrames),
            new Counter("fosc.frames.received", "stream", "sub", "Video frames received while the sub stream was "
                    + "requested", FoscSessionStats::subVideoFrames),
            new Counter("fosc.frames.received", "stream", "audio", "Audio frames received",
                    FoscSessionStats::audioFrames),
            new Counter("fosc.bytes.received", "stream", "main", "Main stream video payload bytes received",
                    FoscSessionStats::mainVideoBytes),
            new Counter("fosc.bytes.received", "stream", "sub", "Sub stream video payload bytes received",
                    FoscSessionStats::subVideoBytes),
            new Counter("fosc.bytes.received", "stream", "audio", "Audio payload bytes received, as sent (G.726 or "
                    + "PCM)", FoscSessionStats::audioBytes),
            new Counter("fosc.events.received", null, null, "Events received, login events included",
                    FoscSessionStats::events),
            new Counter("fosc.frames.dropped", "reason", "until_key_frame", "Video frames a subscriber missed while "
                    + "dropping until the next key frame", FoscSessionStats::droppedVideoFrames),
            new Counter("fosc.frames.dropped", "reason", "buffer_full", "Items (frames or events) a subscriber "
                    + "missed because its buffer was at the hard cap", FoscSessionStats::droppedItems),
            new Counter("fosc.frames.dropped", "reason", "malformed", "Frames of a known command with a malformed "
                    + "payload, skipped", FoscSessionStats::invalidMessages),
            new Counter("fosc.reading.paused", null, null, "Times reading was paused because a subscriber fell "
                    + "behind", FoscSessionStats::pauses),
            new Counter("fosc.logins", null, null, "Accepted logins", FoscSessionStats::logins),
            new Counter("fosc.login.failures", "reason", "refused", "Logins refused for good (bad credentials, "
                    + "access denied)", FoscSessionStats::loginsRefused),
            new Counter("fosc.login.failures", "reason", "rate_limited", "Re-logins refused soon after a login, "
                    + "taken as rate limiting", FoscSessionStats::loginsRateLimited),
            new Counter("fosc.login.failures", "reason", "too_many_users", "Logins refused: too many users",
                    FoscSessionStats::loginsTooManyUsers),
            new Counter("fosc.login.failures", "reason", "malformed_reply", "Logins answered with a malformed "
                    + "LOGIN_REPLY", FoscSessionStats::loginsMalformed),
            new Counter("fosc.login.failures", "reason", "no_reply", "Logins whose connection ended before a reply",
                    FoscSessionStats::loginsUnanswered),
            new Counter("fosc.reconnects", null, null, "Reconnect attempts started after a loss",
                    FoscSessionStats::reconnects),
            new Counter("fosc.talks.opened", null, null, "Talks opened on the camera's speaker",
                    FoscSessionStats::talksOpened),
            new Counter("fosc.talk.frames.sent", null, null, "TALK_DATA frames sent",
                    FoscSessionStats::talkFramesSent),
            new Counter("fosc.talk.frames.padded", null, null, "TALK_DATA frames sent with silence padding",
                    FoscSessionStats::talkFramesPadded),
            new Counter("fosc.talk.frames.dropped", "reason", "late", "Talk frames dropped for falling too far "
                    + "behind real time", FoscSessionStats::talkFramesDroppedLate),
            new Counter("fosc.talk.frames.dropped", "reason", "overflow", "Talk frames dropped because the talk "
                    + "buffer was full", FoscSessionStats::talkFramesDroppedOverflow));

    // Levels are gauges, not part of this table of counters: the bytes the subscribers' buffers pin
    // (bufferedBytes, to come with the byte-bounded buffers) belong beside fosc.sessions in FoscMicrometer.

    private FoscStatsMeters() {
    }

    /**
     * Registers every counter of the table, reading {@code stats} when read.
     *
     * @param owner the object the meters hold weakly (Micrometer's rule): they read NaN once it is collected
     * @return the meters, for removing them again
     */
    static <T> List<Meter> register(MeterRegistry registry, T owner, Supplier<FoscSessionStats> stats, Tags tags) {
        List<Meter> meters = new ArrayList<>(COUNTERS.size());
        for (Counter c : COUNTERS) {
            FunctionCounter.Builder<T> b = FunctionCounter.builder(c.name(), owner,
                            o -> c.value().applyAsLong(stats.get()))
                    .description(c.description()).tags(tags);
            if (c.tagKey() != null) {
                b.tag(c.tagKey(), c.tagValue());
            }
            meters.add(b.register(registry));
        }
        return meters;
    }
}

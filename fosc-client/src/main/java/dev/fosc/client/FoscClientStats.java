package dev.fosc.client;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The counters of a {@link FoscClient}: the sum over its live sessions plus the totals of the sessions that ended
 * already, so every counter only grows, and its sessions by state. An immutable snapshot, from
 * {@link FoscClient#stats()}.
 *
 * <p>A session's counts enter the ended totals when it leaves the client (closed or failed); what it might still
 * count after that moment is not added.
 *
 * @param totals the sessions' counters summed (see {@link FoscSessionStats} for each one)
 * @param sessionsByState the live sessions (those of {@link FoscClient#sessions()}) by their current state; every
 *     state is present. A session that just reached a terminal state may show there for a moment before it leaves.
 * @param sessionsClosed sessions that ended closed (by the application or the client's close), since the client
 *     was created
 * @param sessionsFailed sessions that ended failed (a refused login), since the client was created
 * @param bufferedBytes what the live sessions' subscriber buffers hold now, summed ({@link
 *     FoscSession#bufferedBytes()};
 *     a level, not a counter)
 */
public record FoscClientStats(FoscSessionStats totals, Map<FoscSessionState, Integer> sessionsByState,
                              long sessionsClosed, long sessionsFailed, long bufferedBytes) {

    /**
     * Copies {@code sessionsByState} (missing states count 0) into an unmodifiable map.
     *
     * @param bufferedBytes the buffered bytes
     * @param sessionsByState the sessions by state
     * @param sessionsClosed the sessions closed
     * @param sessionsFailed the sessions failed
     * @param totals the totals
     */
    public FoscClientStats {
        Objects.requireNonNull(totals, "totals");
        EnumMap<FoscSessionState, Integer> all = new EnumMap<>(FoscSessionState.class);
        for (FoscSessionState state : FoscSessionState.values()) {
            all.put(state, sessionsByState.getOrDefault(state, 0));
        }
        sessionsByState = Collections.unmodifiableMap(all);
    }

    /**
     * {@return the live sessions in {@code state}}
     *
     * @param state the state
     */
    public int sessions(FoscSessionState state) {
        return sessionsByState.get(state);
    }

    /** {@return the live sessions, whatever their state} */
    public int sessions() {
        int n = 0;
        for (int count : sessionsByState.values()) {
            n += count;
        }
        return n;
    }
}

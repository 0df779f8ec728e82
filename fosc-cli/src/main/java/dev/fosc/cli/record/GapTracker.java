package dev.fosc.cli.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Notes the gaps reconnects leave in a recording: a gap opens when the session leaves the connected state and
 * closes at the first video frame written afterwards. Not thread-safe: the recorder's writer thread only.
 */
public final class GapTracker {

    private final List<RecordingGap> closed = new ArrayList<>();
    private Instant openSince;
    private String openCause;

    /** The connection was lost at {@code when}; a gap already open stays as it is. */
    public void lost(Instant when, String cause) {
        if (openSince == null) {
            openSince = when;
            openCause = cause;
        }
    }

    /** Video was written again at {@code when}: closes the open gap, if any. */
    public void resumed(Instant when) {
        if (openSince != null) {
            closed.add(new RecordingGap(openSince, when, openCause));
            openSince = null;
            openCause = null;
        }
    }

    /** Whether a gap is open. */
    public boolean inGap() {
        return openSince != null;
    }

    /** Every gap, the open one last (with a {@code null} end). */
    public List<RecordingGap> gaps() {
        List<RecordingGap> all = new ArrayList<>(closed);
        if (openSince != null) {
            all.add(new RecordingGap(openSince, null, openCause));
        }
        return all;
    }
}

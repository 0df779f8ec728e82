package dev.fosc.codec;

import java.util.HashMap;
import java.util.Map;

/**
 * A FOSC command id (the first field of every frame header). The ids the protocol defines are constants;
 * {@link #valueOf(long)} also represents ids nobody has documented, so decoding survives unknown firmware.
 *
 * <p>Immutable and thread-safe. Two instances with the same id are equal.
 */
public final class FoscCommand implements Comparable<FoscCommand> {

    private static final Map<Long, FoscCommand> KNOWN = new HashMap<>();

    /** 0: start video (client → camera). */
    public static final FoscCommand VIDEO_ON = known(0, "VIDEO_ON");
    /** 1: close the connection (client → camera). */
    public static final FoscCommand CLOSE = known(1, "CLOSE");
    /** 2: start camera audio (client → camera). */
    public static final FoscCommand AUDIO_ON = known(2, "AUDIO_ON");
    /** 3: stop camera audio (client → camera). */
    public static final FoscCommand AUDIO_OFF = known(3, "AUDIO_OFF");
    /** 4: open the camera speaker for talk (client → camera). */
    public static final FoscCommand SPEAKER_ON = known(4, "SPEAKER_ON");
    /** 5: close the camera speaker (client → camera). */
    public static final FoscCommand SPEAKER_OFF = known(5, "SPEAKER_OFF");
    /** 6: talk audio for the camera speaker (client → camera). */
    public static final FoscCommand TALK_DATA = known(6, "TALK_DATA");
    /** 12: log in (client → camera). */
    public static final FoscCommand LOGIN = known(12, "LOGIN");
    /** 15: login check, also the keepalive (client → camera). */
    public static final FoscCommand LOGIN_CHECK = known(15, "LOGIN_CHECK");
    /** 16: reply to {@link #VIDEO_ON}. */
    public static final FoscCommand VIDEO_ON_REPLY = known(16, "VIDEO_ON_REPLY");
    /** 18: reply to {@link #AUDIO_ON}. */
    public static final FoscCommand AUDIO_ON_REPLY = known(18, "AUDIO_ON_REPLY");
    /** 20: reply to {@link #SPEAKER_ON}. */
    public static final FoscCommand SPEAKER_ON_REPLY = known(20, "SPEAKER_ON_REPLY");
    /** 21: reply to {@link #SPEAKER_OFF}. */
    public static final FoscCommand SPEAKER_OFF_REPLY = known(21, "SPEAKER_OFF_REPLY");
    /** 26: one H.264 access unit behind a media header (camera → client). */
    public static final FoscCommand VIDEO_DATA = known(26, "VIDEO_DATA");
    /** 27: one audio frame behind a media header (camera → client). */
    public static final FoscCommand AUDIO_DATA = known(27, "AUDIO_DATA");
    /** 29: reply to {@link #LOGIN_CHECK}. */
    public static final FoscCommand LOGIN_CHECK_REPLY = known(29, "LOGIN_CHECK_REPLY");
    /** 100: reply to {@link #LOGIN}, with presets, cruises and camera id. */
    public static final FoscCommand LOGIN_REPLY = known(100, "LOGIN_REPLY");
    /** 106: the preset list changed (event). */
    public static final FoscCommand PRESETS_CHANGED = known(106, "PRESETS_CHANGED");
    /** 107: the cruise list changed (event). */
    public static final FoscCommand CRUISES_CHANGED = known(107, "CRUISES_CHANGED");
    /** 108: mirror/flip settings (event). */
    public static final FoscCommand MIRROR_FLIP = known(108, "MIRROR_FLIP");
    /** 110: colour adjustment values (event). */
    public static final FoscCommand COLOR_ADJUST = known(110, "COLOR_ADJUST");
    /** 111: motion detected (event). */
    public static final FoscCommand MOTION_ALERT = known(111, "MOTION_ALERT");
    /** 112: power line frequency (event). */
    public static final FoscCommand POWER_FREQUENCY = known(112, "POWER_FREQUENCY");
    /** 113: stream selection (event). */
    public static final FoscCommand STREAM_SELECT = known(113, "STREAM_SELECT");

    /** The name used for ids this library does not know. */
    public static final String UNKNOWN_NAME = "UNKNOWN";

    private static final FoscCommand[] SMALL = new FoscCommand[256];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            FoscCommand known = KNOWN.get((long) i);
            SMALL[i] = known != null ? known : new FoscCommand(i, UNKNOWN_NAME, false);
        }
    }

    private final long id;
    private final String name;
    private final boolean known;

    private FoscCommand(long id, String name, boolean known) {
        this.id = id;
        this.name = name;
        this.known = known;
    }

    private static FoscCommand known(int id, String name) {
        FoscCommand command = new FoscCommand(id, name, true);
        KNOWN.put((long) id, command);
        return command;
    }

    /**
     * Returns the command for an id read from the wire (an unsigned 32-bit value).
     *
     * @throws IllegalArgumentException if {@code id} is outside 0..2^32-1
     * @param id the id
     * @return the command for an id read from the wire (an unsigned 32-bit value)
     */
    public static FoscCommand valueOf(long id) {
        if (id >= 0 && id < SMALL.length) {
            return SMALL[(int) id];
        }
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("command id out of the u32 range: " + id);
        }
        return new FoscCommand(id, UNKNOWN_NAME, false);
    }

    /** {@return the numeric id, 0..2^32-1} */
    public long id() {
        return id;
    }

    /** {@return the upper-case name from docs/protocol.md, or {@value #UNKNOWN_NAME}} */
    public String name() {
        return name;
    }

    /** {@return whether this library knows the id's payload layout} */
    public boolean isKnown() {
        return known;
    }

    @Override
    public int compareTo(FoscCommand o) {
        return Long.compare(id, o.id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FoscCommand && ((FoscCommand) o).id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return known ? name + "(" + id + ")" : UNKNOWN_NAME + "(" + id + ")";
    }
}

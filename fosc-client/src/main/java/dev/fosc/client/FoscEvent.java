package dev.fosc.client;

import java.time.Instant;

/**
 * Something the camera reported outside the media streams, as an immutable value (no buffers, no reference
 * counting): one record per kind. Switch over the permitted types or use {@code instanceof}.
 *
 * <p>Events are delivered on the session's event loop to {@link FoscSessionListener#onEvent} and through
 * {@link FoscSession#events()}; they may be kept and passed to any thread.
 */
public sealed interface FoscEvent permits FoscMotionEvent, FoscPresetsChangedEvent, FoscCruisesChangedEvent,
        FoscMirrorFlipEvent, FoscColorEvent, FoscPowerFrequencyEvent, FoscStreamSelectEvent, FoscLoginEvent,
        FoscUnknownEvent {

    /** {@return when the event was received (wall clock)} */
    Instant time();

    /**
     * {@return a short lower-camel-case name of the kind, for logs and JSON ({@code motion}, {@code presetsChanged},
     * …)}
     */
    String type();
}

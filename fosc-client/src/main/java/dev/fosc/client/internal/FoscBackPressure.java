package dev.fosc.client.internal;

/** Told by subscriptions when they cross their water marks. Called on the session's event loop. */
interface FoscBackPressure {

    /** A subscription reached the high water mark: it wants reading paused. */
    void subscriberFull();

    /** A subscription that was full drained to the low water mark (or went away). */
    void subscriberDrained();

    /** An item was dropped for a subscriber; {@code video} when under the drop-until-key-frame policy. */
    void dropped(boolean video);
}

package dev.fosc.client.internal;

import io.netty.util.IllegalReferenceCountException;

/**
 * Told by subscriptions when they cross their water marks, drop items, or meet an item their subscriber released.
 * Called on the session's event loop.
 */
interface FoscBackPressure {

    /** A subscription reached the high water mark: it wants reading paused. */
    void subscriberFull();

    /** A subscription that was full drained to the low water mark (or went away). */
    void subscriberDrained();

    /** An item was dropped for a subscriber; {@code video} when under the drop-until-key-frame policy. */
    void dropped(boolean video);

    /**
     * A subscriber released an item it only borrowed (a bug in the application), so the publisher's own release
     * of it failed; the publisher caught that and goes on. By default nothing more happens.
     *
     * @param what which item, for the log
     */
    default void borrowedItemReleased(String what, IllegalReferenceCountException cause) {
    }
}

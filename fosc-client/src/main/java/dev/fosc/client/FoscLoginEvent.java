package dev.fosc.client;

import java.time.Instant;

/**
 * The camera accepted a login (the first one and every one after a reconnect or a lost login) and sent its
 * LOGIN_REPLY data.
 *
 * @param time when it was received
 * @param info camera id, presets and cruises
 */
public record FoscLoginEvent(Instant time, FoscLoginInfo info) implements FoscEvent {
    @Override
    public String type() {
        return "login";
    }
}

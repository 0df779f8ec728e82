package dev.fosc.client.internal;

/** What one connection of a session does. */
enum FoscConnectionRole {
    /** Everything on one connection: logs in. */
    SINGLE(true),
    /** The SDK's control connection: logs in; login, keepalive, events. */
    CONTROL(true),
    /** The SDK's media connection: no login; VIDEO_ON / AUDIO_ON with the session's uid, then media. */
    MEDIA(false);

    private final boolean logsIn;

    FoscConnectionRole(boolean logsIn) {
        this.logsIn = logsIn;
    }

    /** Whether this connection sends LOGIN. */
    boolean logsIn() {
        return logsIn;
    }
}

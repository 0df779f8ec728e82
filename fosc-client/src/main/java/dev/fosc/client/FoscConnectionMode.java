package dev.fosc.client;

/** How many TCP connections a session opens to its camera (docs/protocol.md §6). */
public enum FoscConnectionMode {
    /** One connection carries everything: login, keepalive, events, video and audio (every verified client). */
    SINGLE,
    /**
     * Foscam's SDK form: a control connection (login, keepalive, events) and a media connection that sends only
     * the preamble and VIDEO_ON / AUDIO_ON with the same uid, without logging in. The media connection is opened
     * once video or audio is wanted. Losing either connection reconnects both.
     */
    CONTROL_AND_MEDIA
}

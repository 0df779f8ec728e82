package dev.fosc.cli.probe;

import dev.fosc.client.FoscAudioFrame;
import dev.fosc.client.FoscEvent;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscUnknownEvent;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscMediaHeader;

import java.util.concurrent.CompletableFuture;

/**
 * Collects what {@code fosc probe} needs from the session: the first video frame's media header, the first audio
 * frame's format, and whether the camera sent the unknown event a C1 V3 sends around the login. Thread-safe:
 * the event loop completes the futures, the command reads them.
 */
public final class ProbeListener implements FoscSessionListener {

    /** The command id of the unknown event a C1 V3 pushes before its LOGIN_REPLY. */
    public static final long C1_V3_EARLY_EVENT = 200;

    private final CompletableFuture<FoscMediaHeader> firstVideo = new CompletableFuture<>();
    private final CompletableFuture<String> firstAudio = new CompletableFuture<>();
    private volatile boolean c1EarlyEvent;

    @Override
    public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
        firstVideo.complete(frame.header());
    }

    @Override
    public void onAudioFrame(FoscSession session, FoscAudioFrame frame) {
        firstAudio.complete(frame.format().jsonName());
    }

    @Override
    public void onEvent(FoscSession session, FoscEvent event) {
        if (event instanceof FoscUnknownEvent && ((FoscUnknownEvent) event).command() == C1_V3_EARLY_EVENT) {
            c1EarlyEvent = true;
        }
    }

    /** The media header of the first video frame. */
    public CompletableFuture<FoscMediaHeader> firstVideo() {
        return firstVideo;
    }

    /** The format of the first audio frame: {@code pcm} or {@code g726}. */
    public CompletableFuture<String> firstAudio() {
        return firstAudio;
    }

    /** Whether the C1 V3's unknown event came. */
    public boolean c1EarlyEvent() {
        return c1EarlyEvent;
    }
}

package dev.fosc.cli.talk;

import dev.fosc.client.FoscTalk;
import dev.fosc.client.FoscTalkOptions;
import dev.fosc.client.FoscTalkStats;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SubmissionPublisher;

/**
 * Plays PCM (8 kHz mono signed 16-bit little-endian) through an open {@link FoscTalk}, paced by the talk itself:
 * 60 ms frames go to {@link FoscTalk#subscriber()}, which asks for more only while the talk's buffer has room, so
 * nothing is dropped for coming too fast. When all is handed over the publisher completes, which closes the talk
 * gracefully (the rest played out, then SPEAKER_OFF) once the subscriber took the last item: closing the talk
 * directly here would cut off what the publisher still holds.
 *
 * <p><b>Threading:</b> {@link #play} blocks the calling thread while it hands the audio over (about the clip's
 * length); one small thread delivers to the subscriber. Stateless between calls.
 */
public final class TalkPlayer {

    private TalkPlayer() {
    }

    /**
     * Hands {@code pcm} to the talk and closes it.
     *
     * @return the talk's final stats, when the camera answered SPEAKER_OFF (or the failure of the talk)
     * @throws InterruptedException if interrupted while handing audio over (the talk is closed)
     */
    public static CompletableFuture<FoscTalkStats> play(FoscTalk talk, byte[] pcm) throws InterruptedException {
        ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fosc-talk-feed");
            t.setDaemon(true);
            return t;
        });
        // the delivery thread lives until the talk is over: the subscriber's requests run the publisher on it
        talk.completion().whenComplete((stats, failure) -> delivery.shutdown());
        try (SubmissionPublisher<ByteBuffer> publisher = new SubmissionPublisher<>(delivery, 4)) {
            publisher.subscribe(talk.subscriber());
            for (int off = 0; off < pcm.length; off += FoscTalkOptions.FRAME_BYTES) {
                if (Thread.interrupted()) {
                    talk.close();
                    throw new InterruptedException("interrupted while talking");
                }
                int len = Math.min(FoscTalkOptions.FRAME_BYTES, pcm.length - off);
                publisher.submit(ByteBuffer.wrap(pcm, off, len)); // blocks while the talk has no room
                if (talk.completion().isDone()) {
                    break; // interrupted by a lost connection: completion() says why
                }
            }
        }
        return talk.completion(); // what the publisher still holds is delivered, then onComplete closes the talk
    }
}

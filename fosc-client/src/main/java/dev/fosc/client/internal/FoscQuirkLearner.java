package dev.fosc.client.internal;

import dev.fosc.client.FoscQuirks;
import dev.fosc.client.FoscStream;
import dev.fosc.codec.FoscSpeakerOn;

/**
 * What one session knows of its camera's quirks, and, for a session with the {@code AUTO} profile, what it
 * learned from the camera's own answers (PROTOCOL.md §2): the VIDEO_ON/AUDIO_ON stream byte that works and the
 * SPEAKER_ON size that is accepted. Learned values are kept for the session's life, across reconnects.
 *
 * <p>Probing is one request per step and never loops: a refused VIDEO_ON is tried once with the other stream
 * byte; SPEAKER_ON is tried with each size of {@link #SPEAKER_ON_PROBE_ORDER} once.
 *
 * <p>Threading: written only on the session's event loop; {@link #current()} may be read from any thread.
 */
public final class FoscQuirkLearner {

    /** The SPEAKER_ON sizes an AUTO session tries, in this order: the SDK's, the R2C's, the seed's layout. */
    static final int[] SPEAKER_ON_PROBE_ORDER = {FoscSpeakerOn.DEFAULT_LENGTH, FoscSpeakerOn.R2C_LENGTH,
            FoscSpeakerOn.SEED_LENGTH};

    private final boolean probeSpeakerOn;
    private final boolean probeStreamByte;
    private volatile FoscQuirks current;
    private boolean speakerOnLearned;
    private boolean streamByteLearned;

    /**
     * @param initial the quirks to start from (the profile's, with the application's overrides)
     * @param probeSpeakerOn whether the SPEAKER_ON size is to be learned (AUTO, and not set explicitly)
     * @param probeStreamByte whether the stream byte is to be learned (AUTO, and not set explicitly)
     */
    public FoscQuirkLearner(FoscQuirks initial, boolean probeSpeakerOn, boolean probeStreamByte) {
        this.current = initial;
        this.probeSpeakerOn = probeSpeakerOn;
        this.probeStreamByte = probeStreamByte;
    }

    /** The quirks as known now: the configured ones, with what was learned so far. */
    public FoscQuirks current() {
        return current;
    }

    /**
     * The SPEAKER_ON sizes to try, in order: the configured (or learned) size alone, or, while an AUTO session has
     * not learned it yet, every size of {@link #SPEAKER_ON_PROBE_ORDER}.
     */
    int[] speakerOnLengths() {
        if (!probeSpeakerOn || speakerOnLearned) {
            return new int[] {current.speakerOnLength()};
        }
        return SPEAKER_ON_PROBE_ORDER.clone();
    }

    /** The camera accepted a SPEAKER_ON of {@code length} bytes: remembered. */
    void speakerOnAccepted(int length) {
        if (probeSpeakerOn && !speakerOnLearned) {
            speakerOnLearned = true;
            current = current.toBuilder().speakerOnLength(length).build();
        }
    }

    /** The stream byte for VIDEO_ON/AUDIO_ON of {@code stream}. */
    int streamByteFor(FoscStream stream) {
        return current.streamByteFor(stream);
    }

    /**
     * A VIDEO_ON or AUDIO_ON with {@code refusedByte} got status 1: the byte to try once instead, or {@code -1}
     * when there is nothing to try (not probing, or the byte was learned already).
     */
    int alternativeStreamByte(int refusedByte) {
        if (!probeStreamByte || streamByteLearned) {
            return -1;
        }
        return refusedByte == 0 ? 1 : 0;
    }

    /** VIDEO_ON or AUDIO_ON with {@code streamByte} for {@code stream} got status 0: remembered. */
    void streamByteAccepted(FoscStream stream, int streamByte) {
        if (!probeStreamByte || streamByteLearned) {
            return;
        }
        streamByteLearned = true;
        if (streamByte != stream.number()) {
            current = current.toBuilder().videoOnStreamByte(streamByte).build();
        }
    }
}

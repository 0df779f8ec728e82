package dev.fosc.client.internal;

import dev.fosc.client.FoscQuirks;
import dev.fosc.client.FoscStream;
import dev.fosc.codec.FoscSpeakerOn;

/**
 * What one session knows of its camera's quirks, and, for a session with the {@code AUTO} profile, what it
 * learned from the camera's own answers (docs/protocol.md §2): the VIDEO_ON/AUDIO_ON stream byte that works and the
 * SPEAKER_ON size that is accepted. Learned values are kept for the session's life, across reconnects.
 *
 * <p>Probing is one request per step and never loops: a VIDEO_ON or AUDIO_ON refused with status 1 is tried once
 * with the other stream byte (see {@link #streamByteAccepted} for what settles the byte); SPEAKER_ON is tried with
 * each size of {@link #SPEAKER_ON_PROBE_ORDER} once. The rules are documented on {@code FoscCameraProfile.AUTO}.
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
    private boolean relearnedFromSilence;

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
            current = current.withLearnedSpeakerOnLength(length);
        }
    }

    /** The stream byte for VIDEO_ON/AUDIO_ON of {@code stream}: the learned one, else the configured rule. */
    int streamByteFor(FoscStream stream) {
        return current.streamByteFor(stream);
    }

    /** Whether the stream byte is still to be learned (AUTO, not set explicitly, not settled yet). */
    boolean probingStreamByte() {
        return probeStreamByte && !streamByteLearned;
    }

    /**
     * A VIDEO_ON or AUDIO_ON with {@code refusedByte} got status 1: the byte to try once instead (0 for 1, 1 for
     * anything else), or {@code -1} when there is nothing to try (not probing, or the byte is settled already). The
     * caller sends the alternative at most once per request.
     */
    int alternativeStreamByte(int refusedByte) {
        if (!probingStreamByte()) {
            return -1;
        }
        return refusedByte == 1 ? 0 : 1;
    }

    /**
     * A VIDEO_ON ({@code video}) or AUDIO_ON for {@code stream} was accepted with {@code streamByte}.
     *
     * <ul>
     *   <li>After the other byte was refused ({@code retried}): the camera wants this byte; it is learned as the
     *       fixed byte (or as "the stream's number" should that be what worked).</li>
     *   <li>At the first try with byte 0 on VIDEO_ON: the camera takes 0, so stream numbers work; learned as
     *       {@link FoscQuirks#STREAM_NUMBER}.</li>
     *   <li>At the first try otherwise: nothing is settled. Byte 1 for the sub stream is accepted by cameras that take
     *       stream numbers and by those (R2C) that want 1 for every stream alike; an AUDIO_ON accepted does not show
     *       that VIDEO_ON would be.</li>
     * </ul>
     */
    void streamByteAccepted(FoscStream stream, int streamByte, boolean video, boolean retried) {
        if (!probingStreamByte()) {
            return;
        }
        if (retried) {
            streamByteLearned = true;
            current = current.withLearnedVideoOnStreamByte(
                    streamByte == stream.number() ? FoscQuirks.STREAM_NUMBER : streamByte);
        } else if (video && streamByte == 0) {
            streamByteLearned = true;
            current = current.withLearnedVideoOnStreamByte(FoscQuirks.STREAM_NUMBER);
        }
    }

    /**
     * A VIDEO_ON accepted with {@code streamByte} was followed by no video (docs/protocol.md §2: an R2C answers a
     * VIDEO_ON
     * with byte 0 with status 0 and sends nothing; only 1 works). For a session that learns the stream byte, byte 0
     * gone silent teaches byte 1 for every stream, once per session (also when byte 0 had been "settled" by that
     * acceptance alone); the caller's next VIDEO_ON carries it.
     *
     * @return whether the byte changed
     */
    boolean videoSilent(int streamByte) {
        if (!probeStreamByte || relearnedFromSilence || streamByte != 0) {
            return false;
        }
        relearnedFromSilence = true;
        streamByteLearned = true;
        current = current.withLearnedVideoOnStreamByte(1);
        return true;
    }

    /** What is known and what is still probed, for logs. */
    @Override
    public String toString() {
        return "FoscQuirkLearner[" + current + ", streamByte " + (!probeStreamByte ? "configured"
                : streamByteLearned ? "learned" : "probing") + ", speakerOnLength " + (!probeSpeakerOn ? "configured"
                : speakerOnLearned ? "learned" : "probing") + "]";
    }
}

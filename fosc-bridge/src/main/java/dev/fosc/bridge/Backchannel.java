package dev.fosc.bridge;

import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscTalk;
import dev.fosc.client.FoscTalkOptions;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The ONVIF backchannel of one camera: the one RTSP client allowed to talk ({@link #claim}), and the talk that plays
 * what it sends through the camera speaker. The talk opens on the first RTP packet and closes after
 * {@code silence} without packets, or when the talker releases the backchannel (TEARDOWN, connection lost).
 * Audio that arrives while the talk opens is kept up to the talk buffer's size, the rest dropped. A talk the camera
 * refuses is tried again on a packet at least {@code silence} later.
 *
 * <p><b>Threading:</b> every method may be called from any thread (the talker's connection loop, the session's
 * loop for the talk's futures); state is guarded by this object's lock, and nothing blocks under it.
 */
final class Backchannel {

    private static final Logger log = LoggerFactory.getLogger(Backchannel.class);

    private final String name;
    private final FoscSession session;
    private final long silenceNanos;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private Object talker;
    private FoscTalk talk;
    private boolean opening;
    private int pendingBytes;
    private long lastPacketNanos;
    private long retryAfterNanos;
    private ScheduledFuture<?> silenceCheck;

    Backchannel(String name, FoscSession session, Duration silence) {
        this.name = name;
        this.session = session;
        this.silenceNanos = silence.toNanos();
    }

    /** Makes {@code owner} the talker; {@code false} when another holds the backchannel. */
    synchronized boolean claim(Object owner) {
        if (talker != null && talker != owner) {
            return false;
        }
        talker = owner;
        return true;
    }

    /** Ends {@code owner}'s hold (and its talk); nothing happens if it is not the talker. */
    synchronized void release(Object owner) {
        if (talker == owner) {
            talker = null;
            closeTalk("the talker left");
        }
    }

    /** Plays the audio of one RTP packet from {@code owner} (the packet is not released here). */
    void onRtp(Object owner, ByteBuf rtp) {
        byte[] pcm = RtpAudioDecoder.pcm(rtp);
        if (pcm == null || pcm.length == 0) {
            return;
        }
        FoscTalk open;
        synchronized (this) {
            if (talker != owner) {
                return;
            }
            long now = System.nanoTime();
            lastPacketNanos = now;
            open = talk;
            if (open == null) {
                if (pendingBytes + pcm.length <= FoscTalkOptions.DEFAULT_BUFFER_BYTES) {
                    pending.add(pcm);
                    pendingBytes += pcm.length;
                }
                if (!opening && now - retryAfterNanos >= 0) {
                    opening = true;
                    open();
                }
                return;
            }
        }
        write(open, pcm);
    }

    private void open() {
        session.openTalk().whenComplete((opened, error) -> {
            synchronized (this) {
                opening = false;
                if (error != null) {
                    retryAfterNanos = System.nanoTime() + silenceNanos;
                    pending.clear();
                    pendingBytes = 0;
                    log.info("camera {}: the backchannel's talk could not open: {}", name, error.getMessage());
                    return;
                }
                if (talker == null) {
                    opened.close();
                    return;
                }
                talk = opened;
                log.debug("camera {}: backchannel talk open", name);
                for (byte[] pcm : pending) {
                    write(opened, pcm);
                }
                pending.clear();
                pendingBytes = 0;
                silenceCheck = session.eventLoop().scheduleAtFixedRate(this::checkSilence, silenceNanos / 4,
                        silenceNanos / 4, TimeUnit.NANOSECONDS);
            }
        });
    }

    private synchronized void checkSilence() {
        if (talk != null && System.nanoTime() - lastPacketNanos > silenceNanos) {
            closeTalk("silence");
        }
    }

    /** Under the lock. */
    private void closeTalk(String why) {
        pending.clear();
        pendingBytes = 0;
        if (silenceCheck != null) {
            silenceCheck.cancel(false);
            silenceCheck = null;
        }
        FoscTalk t = talk;
        talk = null;
        if (t != null) {
            log.debug("camera {}: backchannel talk closes ({})", name, why);
            t.close().exceptionally(e -> null);
        }
    }

    private void write(FoscTalk t, byte[] pcm) {
        try {
            t.write(pcm, 0, pcm.length); // what does not fit is counted as dropped by the talk
        } catch (IllegalStateException e) {
            synchronized (this) {
                if (talk == t) {
                    closeTalk("it ended (connection lost)"); // the next packet opens another
                }
            }
        }
    }
}

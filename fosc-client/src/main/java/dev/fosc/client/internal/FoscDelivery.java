package dev.fosc.client.internal;

import dev.fosc.client.FoscAudioFrame;
import dev.fosc.client.FoscEvent;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscSessionState;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.client.FoscVideoOverflow;
import dev.fosc.codec.FoscAudioData;
import dev.fosc.codec.FoscAudioFormat;
import dev.fosc.codec.FoscInvalidMessage;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscVideoData;
import dev.fosc.codec.G726Decoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Hands one session's media and events to the application: the listener first (synchronously), then the
 * {@code Flow} publishers. Builds the public frame types (decoding G.726 to PCM), catches and logs exceptions
 * thrown by application code, releases every frame after delivery, and turns subscriber buffers crossing their
 * water marks into "pause/resume reading" for the session.
 *
 * <p>Used on the session's event loop only.
 */
final class FoscDelivery implements FoscBackPressure {

    private static final Logger LOG = LoggerFactory.getLogger(FoscDelivery.class);

    /**
     * The bytes an event counts in a subscriber's buffer: a nominal size, larger than the event objects (a preset
     * list of 16 names of up to 32 characters, a login event with its presets and cruises).
     */
    static final int EVENT_NOMINAL_BYTES = 1024;

    /** Video frames pin their receive buffer (a retained slice) and hold nothing of their own. */
    static final FoscFlowPublisher.Weigher<FoscVideoFrame> VIDEO_WEIGHER = new FoscFlowPublisher.Weigher<>() {
        @Override
        public ByteBuf sharedBuffer(FoscVideoFrame frame) {
            return frame.data();
        }

        @Override
        public int ownBytes(FoscVideoFrame frame) {
            return 0;
        }
    };

    /** Audio frames pin their receive buffer and, for G.726, hold their decoded PCM buffer of their own. */
    static final FoscFlowPublisher.Weigher<FoscAudioFrame> AUDIO_WEIGHER = new FoscFlowPublisher.Weigher<>() {
        @Override
        public ByteBuf sharedBuffer(FoscAudioFrame frame) {
            return frame.original();
        }

        @Override
        public int ownBytes(FoscAudioFrame frame) {
            return frame.pcm() != frame.original() ? frame.pcm().capacity() : 0;
        }
    };

    /** Events hold no buffer: a nominal size each. */
    static final FoscFlowPublisher.Weigher<FoscEvent> EVENT_WEIGHER = new FoscFlowPublisher.Weigher<>() {
        @Override
        public ByteBuf sharedBuffer(FoscEvent event) {
            return null;
        }

        @Override
        public int ownBytes(FoscEvent event) {
            return EVENT_NOMINAL_BYTES;
        }
    };

    private final FoscSession session;
    private final String address;
    private final FoscSessionListener listener;
    private final FoscSessionCounters counters;
    private final Runnable readingChanged;
    private final G726Decoder g726 = new G726Decoder();
    private final FoscFlowPublisher<FoscVideoFrame> video;
    private final FoscFlowPublisher<FoscAudioFrame> audio;
    private final FoscFlowPublisher<FoscEvent> events;
    private int fullSubscribers;

    /**
     * @param readingChanged called when {@link #readingPaused()} flips
     */
    FoscDelivery(FoscSession session, String address, FoscSessionOptions options, FoscSessionListener listener,
                 EventLoop loop, FoscSessionCounters counters, Runnable readingChanged) {
        this.session = session;
        this.address = address;
        this.listener = listener;
        this.counters = counters;
        this.readingChanged = readingChanged;
        int high = options.highWaterMark();
        int low = options.lowWaterMark();
        int max = options.maxBufferedItems();
        long highBytes = options.highWaterMarkBytes();
        long lowBytes = options.lowWaterMarkBytes();
        long maxBytes = options.maxBufferedBytes();
        this.video = new FoscFlowPublisher<>(loop, address + " video", high, low, max, highBytes, lowBytes, maxBytes,
                VIDEO_WEIGHER,
                options.videoOverflow() == FoscVideoOverflow.DROP_UNTIL_KEY_FRAME ? FoscVideoFrame::isKeyFrame : null,
                this);
        this.audio = new FoscFlowPublisher<>(loop, address + " audio", high, low, max, highBytes, lowBytes, maxBytes,
                AUDIO_WEIGHER, null, this);
        this.events = new FoscFlowPublisher<>(loop, address + " events", high, low, max, highBytes, lowBytes,
                maxBytes, EVENT_WEIGHER, null, this);
    }

    FoscFlowPublisher<FoscVideoFrame> video() {
        return video;
    }

    FoscFlowPublisher<FoscAudioFrame> audio() {
        return audio;
    }

    FoscFlowPublisher<FoscEvent> events() {
        return events;
    }

    /**
     * The bytes the subscribers' buffers hold now, as counted against the byte marks (a receive buffer pinned for
     * two subscribers counted twice). Any thread.
     */
    long bufferedBytes() {
        return video.bufferedBytes() + audio.bufferedBytes() + events.bufferedBytes();
    }

    /** Whether some subscriber is full, so reading should be off. */
    boolean readingPaused() {
        return fullSubscribers > 0;
    }

    /**
     * Delivers a message from the camera and releases it.
     *
     * @param stream the video stream currently requested (labels video frames)
     * @param alloc for the PCM decoded from G.726
     */
    void message(FoscMessage message, FoscStream stream, ByteBufAllocator alloc) {
        if (message instanceof FoscVideoData) {
            FoscVideoData data = (FoscVideoData) message;
            counters.videoFrame(stream, data.content().readableBytes());
            video(data, stream);
        } else if (message instanceof FoscAudioData) {
            FoscAudioData data = (FoscAudioData) message;
            counters.audioFrame(data.content().readableBytes());
            audio(data, alloc);
        } else {
            try {
                if (message instanceof FoscInvalidMessage) {
                    long n = ++counters.invalidMessages;
                    if (n <= 10 || Long.bitCount(n) == 1) {
                        LOG.warn("{}: skipped a malformed frame ({} so far): {}", address, n, message);
                    }
                    return;
                }
                FoscEvent event = FoscEvents.of(message, Instant.now());
                if (event != null) {
                    event(event);
                } else {
                    LOG.debug("{}: ignored {}", address, message);
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
    }

    private void video(FoscVideoData data, FoscStream stream) {
        DefaultFoscVideoFrame frame = new DefaultFoscVideoFrame(data, stream);
        try {
            listener.onVideoFrame(session, frame);
        } catch (Throwable t) {
            LOG.warn("{}: the application's onVideoFrame threw; the frame was released", address, t);
        }
        try {
            video.offer(frame);
        } finally {
            frame.release();
        }
    }

    private void audio(FoscAudioData data, ByteBufAllocator alloc) {
        ByteBuf pcm = null;
        FoscAudioFormat format = data.format();
        try {
            if (format == FoscAudioFormat.G726) {
                pcm = alloc.buffer(G726Decoder.PCM_BLOCK_BYTES);
                g726.decodeBlock(data.content().duplicate(), pcm);
            } else if (format == FoscAudioFormat.UNKNOWN) {
                pcm = Unpooled.EMPTY_BUFFER;
            }
        } catch (RuntimeException e) {
            if (pcm != null) {
                pcm.release();
            }
            data.release();
            throw e;
        }
        DefaultFoscAudioFrame frame = new DefaultFoscAudioFrame(data, pcm);
        try {
            listener.onAudioFrame(session, frame);
        } catch (Throwable t) {
            LOG.warn("{}: the application's onAudioFrame threw; the frame was released", address, t);
        }
        try {
            audio.offer(frame);
        } finally {
            frame.release();
        }
    }

    /** Delivers an event (camera events and login events). */
    void event(FoscEvent event) {
        counters.events++;
        try {
            listener.onEvent(session, event);
        } catch (Throwable t) {
            LOG.warn("{}: the application's onEvent threw", address, t);
        }
        events.offer(event);
    }

    /** Reports a state change to the listener. */
    void stateChanged(FoscSessionState from, FoscSessionState to, Throwable cause) {
        try {
            listener.onStateChanged(session, from, to, cause);
        } catch (Throwable t) {
            LOG.warn("{}: the application's onStateChanged threw", address, t);
        }
    }

    /** Completes the publishers (the session was closed). */
    void complete() {
        video.complete();
        audio.complete();
        events.complete();
    }

    /** Fails the publishers (the session failed for good). */
    void fail(Throwable cause) {
        video.fail(cause);
        audio.fail(cause);
        events.fail(cause);
    }

    @Override
    public void subscriberFull() {
        if (fullSubscribers++ == 0) {
            counters.pauses++;
            readingChanged.run();
        }
    }

    @Override
    public void subscriberDrained() {
        if (--fullSubscribers == 0) {
            readingChanged.run();
        }
    }

    @Override
    public void dropped(boolean videoFrame) {
        if (videoFrame) {
            counters.droppedVideoFrames++;
        } else {
            counters.droppedItems++;
        }
    }
}

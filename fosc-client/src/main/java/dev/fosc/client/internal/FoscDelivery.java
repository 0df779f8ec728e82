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
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Hands one session's media and events to the application: the listener first (synchronously), then the
 * {@code Flow} publishers. Builds the public frame types (decoding G.726 to PCM), catches and logs exceptions
 * thrown by application code, releases every frame after delivery (in {@code finally}: whatever is thrown,
 * {@code Error}s included, nothing stays pinned), and turns subscriber buffers crossing their water marks into
 * "pause/resume reading" for the session. A frame the application released although it was only borrowed is not
 * handed on, and the library's failing release of it is logged (once per session at WARN), never thrown: the
 * session stays connected.
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
    /** Created with the first G.726 frame: most cameras send PCM, and an idle session should stay small. */
    private G726Decoder g726;
    private final FoscSessionOptions options;
    private final EventLoop loop;
    /** Created when first asked for (most sessions have a listener and no subscriber: an idle session stays small). */
    private volatile Publishers publishers;
    /** Set once by {@link #complete()} or {@link #fail}; a publisher created later ends the same way. */
    private volatile boolean terminated;
    private volatile Throwable failure;
    private int fullSubscribers;
    private boolean borrowedReleaseLogged;
    /** Whether a video frame was delivered on this session yet. */
    private boolean videoSeen;
    /** Whether the video stream broke since the last frame delivered: the next one is marked a discontinuity. */
    private boolean videoBroken;

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
        this.options = options;
        this.loop = loop;
    }

    /** The video publisher, created on first use. Any thread. */
    FoscFlowPublisher<FoscVideoFrame> video() {
        return publishers().video();
    }

    /** The audio publisher, created on first use. Any thread. */
    FoscFlowPublisher<FoscAudioFrame> audio() {
        return publishers().audio();
    }

    /** The events publisher, created on first use. Any thread. */
    FoscFlowPublisher<FoscEvent> events() {
        return publishers().events();
    }

    /** The three publishers, created together when one is first asked for. Any thread. */
    private Publishers publishers() {
        Publishers p = publishers;
        if (p == null) {
            synchronized (this) {
                p = publishers;
                if (p == null) {
                    p = new Publishers(publisher(" video", VIDEO_WEIGHER, options.videoOverflow()
                            == FoscVideoOverflow.DROP_UNTIL_KEY_FRAME ? FoscVideoFrame::isKeyFrame : null),
                            publisher(" audio", AUDIO_WEIGHER, null), publisher(" events", EVENT_WEIGHER, null));
                    publishers = p;
                    endIfTerminated(p);
                }
            }
        }
        return p;
    }

    private <T> FoscFlowPublisher<T> publisher(String suffix, FoscFlowPublisher.Weigher<T> weigher,
                                               java.util.function.Predicate<T> isKey) {
        return new FoscFlowPublisher<>(loop, address + suffix, options.highWaterMark(), options.lowWaterMark(),
                options.maxBufferedItems(), options.highWaterMarkBytes(), options.lowWaterMarkBytes(),
                options.maxBufferedBytes(), weigher, isKey, this);
    }

    /** The publishers of one session. */
    private record Publishers(FoscFlowPublisher<FoscVideoFrame> video, FoscFlowPublisher<FoscAudioFrame> audio,
                              FoscFlowPublisher<FoscEvent> events) {

        long bufferedBytes() {
            return video.bufferedBytes() + audio.bufferedBytes() + events.bufferedBytes();
        }

        void end(Throwable cause) {
            for (FoscFlowPublisher<?> p : new FoscFlowPublisher<?>[] {video, audio, events}) {
                if (cause != null) {
                    p.fail(cause);
                } else {
                    p.complete();
                }
            }
        }
    }

    /** Publishers created after the session ended end the same way, on the event loop. */
    private void endIfTerminated(Publishers p) {
        if (terminated) {
            loop.execute(() -> p.end(failure));
        }
    }

    /**
     * The bytes the subscribers' buffers hold now, as counted against the byte marks (a receive buffer pinned for
     * two subscribers counted twice). Any thread.
     */
    long bufferedBytes() {
        Publishers p = publishers;
        return p == null ? 0 : p.bufferedBytes();
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
            video(DefaultFoscVideoFrame.owning((FoscVideoData) message), stream); // owns the data from here
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

    /**
     * The video stream broke (the connection carrying it was lost, or the application turned video off): the next
     * frame delivered, if any came before, is marked {@link FoscVideoFrame#isDiscontinuity()}.
     */
    void videoInterrupted() {
        videoBroken = videoSeen;
    }

    /** Delivers a video frame of {@code stream} and releases it. */
    void video(DefaultFoscVideoFrame frame, FoscStream stream) {
        counters.videoFrame(stream, frame.data().readableBytes());
        frame.label(stream, videoBroken);
        videoBroken = false;
        videoSeen = true;
        try {
            try {
                listener.onVideoFrame(session, frame);
            } catch (Throwable t) {
                LOG.warn("{}: the application's onVideoFrame threw; the frame was released", address, t);
            }
            if (frame.intact()) {
                Publishers p = publishers;
                if (p != null) {
                    p.video().offer(frame);
                }
            } else {
                borrowedReleased("a video frame (in onVideoFrame)", null);
            }
        } finally {
            release(frame, "a video frame (in onVideoFrame)");
        }
    }

    private void audio(FoscAudioData data, ByteBufAllocator alloc) {
        DefaultFoscAudioFrame frame;
        ByteBuf pcm = null;
        try {
            FoscAudioFormat format = data.format();
            if (format == FoscAudioFormat.G726) {
                if (g726 == null) {
                    g726 = new G726Decoder();
                }
                pcm = alloc.buffer(G726Decoder.PCM_BLOCK_BYTES); // may throw OutOfDirectMemoryError
                g726.decodeBlock(data.content().duplicate(), pcm);
            } else if (format == FoscAudioFormat.UNKNOWN) {
                pcm = Unpooled.EMPTY_BUFFER;
            }
            frame = new DefaultFoscAudioFrame(data, pcm); // owns data and pcm from here
        } catch (Throwable t) { // any Throwable, an Error too: nothing may keep the received buffer pinned
            ReferenceCountUtil.safeRelease(pcm);
            ReferenceCountUtil.safeRelease(data);
            throw t;
        }
        try {
            try {
                listener.onAudioFrame(session, frame);
            } catch (Throwable t) {
                LOG.warn("{}: the application's onAudioFrame threw; the frame was released", address, t);
            }
            if (frame.intact()) {
                Publishers p = publishers;
                if (p != null) {
                    p.audio().offer(frame);
                }
            } else {
                borrowedReleased("an audio frame (in onAudioFrame)", null);
            }
        } finally {
            release(frame, "an audio frame (in onAudioFrame)");
        }
    }

    /**
     * The library's release of a frame it lent: if the application released the frame (or one of its buffers)
     * already, that release fails; it is reported, not thrown (the frame's memory is freed either way).
     */
    private void release(ReferenceCounted frame, String what) {
        try {
            frame.release();
        } catch (IllegalReferenceCountException e) {
            borrowedReleased(what, e);
        }
    }

    /**
     * The application released something it only borrowed (a bug in the application): the library's own use
     * of it failed or was skipped. Logged at WARN once per session, then at DEBUG: a listener that does it does
     * it for every frame.
     */
    @Override
    public void borrowedItemReleased(String what, IllegalReferenceCountException cause) {
        borrowedReleased(what, cause);
    }

    private void borrowedReleased(String what, IllegalReferenceCountException cause) {
        String reason = cause != null ? cause.toString() : "it was no longer alive when the callback returned";
        if (!borrowedReleaseLogged) {
            borrowedReleaseLogged = true;
            LOG.warn("{}: application code released {} that it only borrowed ({}); frames are valid until the"
                    + " callback returns and the library releases them: retain() one to keep it. Not delivered"
                    + " further; the session goes on; reported once per session", address, what, reason);
        } else {
            LOG.debug("{}: the application released {} it only borrowed ({})", address, what, reason);
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
        Publishers p = publishers;
        if (p != null) {
            p.events().offer(event);
        }
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
        terminated = true;
        Publishers p = publishers;
        if (p != null) {
            p.end(null);
        }
    }

    /** Fails the publishers (the session failed for good). */
    void fail(Throwable cause) {
        failure = cause;
        terminated = true;
        Publishers p = publishers;
        if (p != null) {
            p.end(cause);
        }
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

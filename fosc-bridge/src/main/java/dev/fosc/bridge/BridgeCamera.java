package dev.fosc.bridge;

import dev.fosc.client.FoscAudioFrame;
import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscEvent;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscSessionState;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.client.record.FoscH264Parameters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One camera behind the bridge: its single upstream {@link FoscSession} (video of the main stream and audio, on
 * for the bridge's whole life) and the viewers it fans out to, however many there are.
 *
 * <p><b>Threading:</b> the viewers list, the parameter sets and the frame fan-out are touched only on the
 * session's event loop; {@link #add}, {@link #remove} hop there. {@link #parameters()} may be called from any
 * thread.
 */
final class BridgeCamera implements FoscSessionListener {

    private static final Logger log = LoggerFactory.getLogger(BridgeCamera.class);

    private final String name;
    private final FoscSession session;
    private final List<Viewer> viewers = new ArrayList<>();
    private final CompletableFuture<SdpMedia> firstKeyFrame = new CompletableFuture<>();
    private volatile SdpMedia media;
    private volatile int viewerCount;
    private volatile long droppedFrames;

    private final Backchannel backchannel;
    private final BridgeAudioCodec audioCodec;
    private CameraTopics topics;

    BridgeCamera(String name, FoscClient client, FoscSessionOptions options, Duration talkSilence) {
        this(name, client, options, talkSilence, BridgeAudioCodec.PCMU);
    }

    BridgeCamera(String name, FoscClient client, FoscSessionOptions options, Duration talkSilence,
                 BridgeAudioCodec audioCodec) {
        this.name = name;
        this.session = client.newSession(options, this);
        this.backchannel = new Backchannel(name, session, talkSilence);
        this.audioCodec = audioCodec;
    }

    /** How this camera's audio track is encoded. */
    BridgeAudioCodec audioCodec() {
        return audioCodec;
    }

    /** The camera speaker's backchannel (one talker at a time). */
    Backchannel backchannel() {
        return backchannel;
    }

    String name() {
        return name;
    }

    FoscSession session() {
        return session;
    }

    /** Publishes this camera's state and events on MQTT from now on; before {@link #start()}. */
    void publishTo(MqttLink link, MqttSettings settings) {
        CameraTopics t = new CameraTopics(link, settings, name, session.eventLoop());
        session.eventLoop().execute(() -> {
            topics = t;
            t.announce();
            t.status(session.state() == FoscSessionState.CONNECTED);
        });
    }

    /** Connects, and asks for video and audio (the session keeps them on across reconnects). */
    void start() {
        session.connect().exceptionally(e -> null); // the session keeps trying; its state tells the outcome
        session.videoOn(FoscStream.MAIN).exceptionally(e -> null);
        session.audioOn().exceptionally(e -> null);
    }

    CompletableFuture<Void> close() {
        return session.close();
    }

    /**
     * What the SDP needs (the parameter sets, size, frame rate), known once the first key frame arrived: the
     * latest one when known, else a future that completes with the first.
     */
    CompletableFuture<SdpMedia> parameters() {
        SdpMedia known = media;
        return known != null ? CompletableFuture.completedFuture(known) : firstKeyFrame;
    }

    /** Starts sending to {@code viewer} (from its next key frame). */
    void add(Viewer viewer) {
        session.eventLoop().execute(() -> {
            viewers.add(viewer);
            viewerCount = viewers.size();
        });
    }

    /** Stops sending to {@code viewer}; nothing happens if it was not added. */
    void remove(Viewer viewer) {
        session.eventLoop().execute(() -> {
            viewers.remove(viewer);
            viewerCount = viewers.size();
        });
    }

    /** A snapshot; any thread. */
    BridgeCameraStats stats() {
        return new BridgeCameraStats(name, session.state(), viewerCount, droppedFrames);
    }

    @Override
    public void onStateChanged(FoscSession s, FoscSessionState from, FoscSessionState to, Throwable cause) {
        if (topics != null) {
            topics.status(to == FoscSessionState.CONNECTED);
        }
        if (cause != null) {
            log.info("camera {}: {} -> {}: {}", name, from, to, cause.getMessage());
        } else {
            log.debug("camera {}: {} -> {}", name, from, to);
        }
    }

    @Override
    public void onVideoFrame(FoscSession s, FoscVideoFrame frame) {
        ByteBuf data = frame.data();
        List<int[]> units = null;
        if (frame.isKeyFrame()) {
            FoscH264Parameters parameters = parameters(data);
            if (parameters != null) {
                SdpMedia now = new SdpMedia(parameters, frame.width(), frame.height(), frame.frameRate());
                if (!now.equals(media)) {
                    media = now;
                    firstKeyFrame.complete(now);
                }
            }
        }
        if (viewers.isEmpty()) {
            return;
        }
        units = AnnexB.nalUnits(data);
        long now = System.nanoTime();
        for (Viewer v : viewers) {
            if (v.video(data, units, frame.timestamp(), frame.isKeyFrame(), now)) {
                droppedFrames++; // a single writer: the session's event loop
            }
        }
    }

    /**
     * The parameter sets in front of a key frame's picture, or {@code null} when it carries none or its SPS cannot be
     * read (the SDP then waits for the next key frame).
     */
    private FoscH264Parameters parameters(ByteBuf keyFrame) {
        try {
            return FoscH264Parameters.fromAccessUnit(keyFrame);
        } catch (IllegalArgumentException e) {
            log.debug("camera {}: a key frame's SPS cannot be read: {}", name, e.getMessage());
            return null;
        }
    }

    @Override
    public void onEvent(FoscSession s, FoscEvent event) {
        if (topics != null) {
            topics.event(event);
        }
    }

    @Override
    public void onAudioFrame(FoscSession s, FoscAudioFrame frame) {
        if (viewers.isEmpty() || !frame.pcm().isReadable()) {
            return;
        }
        // the encoding is a copy by nature, made once for every viewer
        ByteBuf payload = audioCodec == BridgeAudioCodec.L16 ? bigEndian(frame.pcm(), ByteBufAllocator.DEFAULT)
                : MuLaw.encode(frame.pcm(), ByteBufAllocator.DEFAULT);
        try {
            long now = System.nanoTime();
            for (Viewer v : viewers) {
                v.audio(payload, frame.timestamp(), now);
            }
        } finally {
            payload.release();
        }
    }

    /** L16's payload: the 16-bit little-endian samples of {@code pcm} (not moved) big-endian, in a new buffer. */
    static ByteBuf bigEndian(ByteBuf pcm, ByteBufAllocator alloc) {
        int samples = pcm.readableBytes() / 2;
        ByteBuf out = alloc.buffer(2 * samples);
        int at = pcm.readerIndex();
        for (int i = 0; i < samples; i++) {
            out.writeShort(pcm.getShortLE(at + 2 * i));
        }
        return out;
    }
}

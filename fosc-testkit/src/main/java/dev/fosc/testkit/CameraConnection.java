package dev.fosc.testkit;

import dev.fosc.codec.FoscAudioData;
import dev.fosc.codec.FoscAudioFormat;
import dev.fosc.codec.FoscAudioOff;
import dev.fosc.codec.FoscAudioOn;
import dev.fosc.codec.FoscAudioOnReply;
import dev.fosc.codec.FoscClose;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscDecodedForm;
import dev.fosc.codec.FoscInvalidMessage;
import dev.fosc.codec.FoscLogin;
import dev.fosc.codec.FoscLoginCheck;
import dev.fosc.codec.FoscLoginCheckReply;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscPreambleEvent;
import dev.fosc.codec.FoscSpeakerOff;
import dev.fosc.codec.FoscSpeakerOffReply;
import dev.fosc.codec.FoscSpeakerOn;
import dev.fosc.codec.FoscSpeakerOnReply;
import dev.fosc.codec.FoscTalkData;
import dev.fosc.codec.FoscUnknownMessage;
import dev.fosc.codec.FoscVideoData;
import dev.fosc.codec.FoscVideoOn;
import dev.fosc.codec.FoscVideoOnReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of a fake camera: the camera side of the protocol (docs/protocol.md §6), its media
 * timers and the faults applied to it. The last inbound handler of the pipeline; it releases every message
 * it receives. Confined to the connection's event loop.
 */
final class CameraConnection extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FakeCamera.class);

    /** The answer to the preamble when {@code httpOkAnswer} is on. */
    static final byte[] HTTP_OK = "HTTP/1.1 200 OK\r\nServer: fosc-testkit\r\nContent-Type: application/octet-stream\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    /** The status sent for a refused VIDEO_ON, AUDIO_ON or SPEAKER_ON. */
    static final int STATUS_REFUSED = 1;

    private final CameraServer camera;
    private final int index;
    private final SocketChannel channel;
    private ChannelHandlerContext ctx;
    private byte[] frameBytes;

    private boolean loggedIn;
    private int uid;
    private boolean mediaAuthorized;
    private boolean stalled;
    private boolean closing; // bad input seen: the connection is closing, nothing more is read or answered
    private int framesUntilClose = -1;

    private ScheduledFuture<?> videoTimer;
    private long videoTick;
    private int videoPosition;
    private long videoStartMillis;
    private boolean skipToKeyFrame;
    private boolean unpacedStreaming; // unpaced video is on (no timer: the pump writes while writable)
    private boolean pumpScheduled;

    private ScheduledFuture<?> audioTimer;
    private long audioTick;
    private long audioStartMillis;

    CameraConnection(CameraServer camera, int index, SocketChannel channel) {
        this.camera = camera;
        this.index = index;
        this.channel = channel;
    }

    int index() {
        return index;
    }

    SocketChannel channel() {
        return channel;
    }

    boolean isLoggedIn() {
        return loggedIn;
    }

    int uid() {
        return uid;
    }

    boolean recording() {
        return camera.settings().record();
    }

    boolean recorderFull() {
        return camera.recorder().isFull();
    }

    /** Called by {@link FrameTap} with the bytes of the frame about to be decoded. */
    void frameBytes(byte[] bytes) {
        this.frameBytes = bytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        log.debug("{}: connection #{} from {}", camera.label(), index, channel.remoteAddress());
        camera.opened(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopVideo();
        stopAudio();
        camera.closed(this);
        log.debug("{}: connection #{} closed", camera.label(), index);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] bytes = frameBytes;
        frameBytes = null;
        try {
            if (closing || !(msg instanceof FoscMessage)) { // frames decoded after bad input in the same read
                return;
            }
            FoscMessage m = (FoscMessage) msg;
            if (recording()) {
                if (bytes != null) {
                    camera.recorder().add(FakeRecordedFrame.owning(index, m.command(), FoscDecodedForm.of(m), bytes,
                            System.nanoTime()));
                } else {
                    camera.recorder().countDropped(); // the recorder was full: the tap did not copy it
                }
            }
            if (!stalled) {
                if (camera.ignores(m.command())) {
                    log.debug("{}: connection #{}: {} ignored (fault: lost request)", camera.label(), index,
                            m.command());
                } else {
                    handle(m);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handle(FoscMessage m) {
        if (m instanceof FoscLogin) {
            onLogin((FoscLogin) m);
        } else if (m instanceof FoscLoginCheck) {
            int checked = ((FoscLoginCheck) m).uid();
            boolean ok = (loggedIn && uid == checked) || camera.isSession(checked);
            send(new FoscLoginCheckReply(ok ? 0 : 1));
        } else if (m instanceof FoscVideoOn) {
            onVideoOn((FoscVideoOn) m);
        } else if (m instanceof FoscAudioOn) {
            onAudioOn((FoscAudioOn) m);
        } else if (m instanceof FoscAudioOff) {
            stopAudio();
        } else if (m instanceof FoscSpeakerOn) {
            onSpeakerOn((FoscSpeakerOn) m);
        } else if (m instanceof FoscSpeakerOff) {
            camera.releaseSpeaker(this);
            send(new FoscSpeakerOffReply(0));
        } else if (m instanceof FoscTalkData) {
            onTalk((FoscTalkData) m);
        } else if (m instanceof FoscClose) {
            log.debug("{}: connection #{} sent CLOSE", camera.label(), index);
            channel.close();
        } else if (m instanceof FoscInvalidMessage) {
            FoscInvalidMessage invalid = (FoscInvalidMessage) m;
            log.debug("{}: connection #{} sent a malformed {}: {}", camera.label(), index, invalid.command(),
                    invalid.cause().getMessage());
            if (invalid.command().equals(FoscCommand.SPEAKER_ON)) {
                send(new FoscSpeakerOnReply(STATUS_REFUSED)); // a SPEAKER_ON of a size the camera cannot read
            }
        } else if (m instanceof FoscUnknownMessage) {
            log.debug("{}: connection #{} sent unknown command {}, ignored", camera.label(), index, m.command());
        } else {
            log.debug("{}: connection #{} sent {}, which a camera ignores", camera.label(), index, m.command());
        }
    }

    private void onLogin(FoscLogin login) {
        FoscLoginReply reply = camera.login(this, login);
        if (reply.isAccepted()) {
            loggedIn = true;
            uid = login.uid();
        } else if (loggedIn) {
            camera.endSession(this); // a refused login ends the session it replaces: LOGIN_CHECK then answers 1
            loggedIn = false;
        }
        if (camera.settings().profile().eventBeforeLoginReply()) {
            send(new FoscUnknownMessage(FoscCommand.valueOf(FakeCameraProfile.C1_V3_EARLY_EVENT),
                    Unpooled.wrappedBuffer(new byte[4])));
        }
        send(reply);
    }

    private void onVideoOn(FoscVideoOn on) {
        int required = camera.settings().profile().requiredVideoStream();
        boolean ok = (required < 0 || on.stream() == required) && camera.credentialsMatch(on.credentials())
                && (loggedIn || camera.isSession(on.uid()));
        send(new FoscVideoOnReply(ok ? 0 : STATUS_REFUSED));
        if (ok) {
            mediaAuthorized = true;
            startVideo();
        }
    }

    private void onAudioOn(FoscAudioOn on) {
        boolean ok = camera.credentialsMatch(on.credentials()) && (loggedIn || mediaAuthorized || camera.hasSessions());
        send(new FoscAudioOnReply(ok ? 0 : STATUS_REFUSED));
        if (ok) {
            startAudio();
        }
    }

    private void onSpeakerOn(FoscSpeakerOn on) {
        boolean ok = on.payloadLength() == camera.settings().profile().speakerOnLength()
                && camera.credentialsMatch(on.credentials())
                && (loggedIn || mediaAuthorized || camera.isSession(on.uid()))
                && camera.claimSpeaker(this);
        send(new FoscSpeakerOnReply(ok ? 0 : STATUS_REFUSED));
    }

    private void onTalk(FoscTalkData talk) {
        if (!camera.holdsSpeaker(this)) {
            log.debug("{}: connection #{} sent talk data without holding the speaker; not played", camera.label(),
                    index);
            return;
        }
        camera.speaker().offer(index, ByteBufUtil.getBytes(talk.content()), System.nanoTime());
    }

    // ---- media ---------------------------------------------------------------------------------------------

    private void startVideo() {
        if (videoTimer != null || unpacedStreaming) {
            return; // already streaming: a repeated VIDEO_ON only gets its reply
        }
        videoTick = 0;
        videoPosition = camera.video().firstKey(); // decodable from the first frame the client gets
        skipToKeyFrame = false;
        videoStartMillis = camera.uptimeMillis();
        if (camera.settings().unpaced()) {
            unpacedStreaming = true;
            schedulePump();
            return;
        }
        long period = 1_000_000_000L / camera.settings().fps();
        videoTimer = ctx.executor().scheduleAtFixedRate(this::sendVideoFrame, 0, period, TimeUnit.NANOSECONDS);
    }

    private void sendVideoFrame() {
        VideoFrames video = camera.video();
        int i = videoPosition;
        boolean key = video.isKey(i);
        if (!channel.isWritable() || (skipToKeyFrame && !key)) {
            videoPosition = (i + 1) % video.count();
            videoTick++;
            skipToKeyFrame = true; // the stream stays decodable: resume at a key frame
            camera.stats().videoFramesSkipped.incrementAndGet();
            return;
        }
        skipToKeyFrame = false;
        writeVideoFrame(true);
    }

    /** Writes the next video frame (the caller checked writability and key-frame skipping). */
    private void writeVideoFrame(boolean flush) {
        VideoFrames video = camera.video();
        FakeCameraSettings s = camera.settings();
        int i = videoPosition;
        videoPosition = (i + 1) % video.count();
        long timestamp;
        if (s.epochTimestamps()) {
            timestamp = EpochMicros.now();
        } else if (s.unpaced()) {
            timestamp = camera.uptimeMillis();
        } else {
            timestamp = videoStartMillis + videoTick * 1000 / s.fps();
        }
        videoTick++;
        FoscMediaHeader header = FoscMediaHeader.video(timestamp, video.isKey(i), s.clip().width(), s.clip().height(),
                s.fps(), video.bitRate());
        camera.stats().videoFramesSent.incrementAndGet();
        send(new FoscVideoData(header, video.frame(i)), flush);
    }

    /** Unpaced video: runs the pump once, later, unless it is already due. */
    private void schedulePump() {
        if (!pumpScheduled) {
            pumpScheduled = true;
            ctx.executor().execute(this::pumpVideo);
        }
    }

    /**
     * Unpaced video: writes frames while the connection is writable (a batch up to the high water mark), flushes
     * once, and comes back after the loop's other work if the socket took it all; otherwise
     * {@link #channelWritabilityChanged} brings it back.
     */
    private void pumpVideo() {
        pumpScheduled = false;
        if (!unpacedStreaming || stalled || closing || !channel.isActive()) {
            return;
        }
        boolean wrote = false;
        while (unpacedStreaming && channel.isWritable() && channel.isActive()) {
            writeVideoFrame(false);
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
        if (channel.isWritable()) {
            schedulePump();
        }
    }

    private void stopVideo() {
        unpacedStreaming = false;
        if (videoTimer != null) {
            videoTimer.cancel(false);
            videoTimer = null;
        }
    }

    private void startAudio() {
        if (audioTimer != null) {
            return;
        }
        audioTick = 0;
        audioStartMillis = camera.uptimeMillis();
        long period = TimeUnit.MILLISECONDS.toNanos(FoscAudioFormat.FRAME_MILLIS);
        audioTimer = ctx.executor().scheduleAtFixedRate(this::sendAudioFrame, 0, period, TimeUnit.NANOSECONDS);
    }

    private void sendAudioFrame() {
        long timestamp = audioStartMillis + audioTick * FoscAudioFormat.FRAME_MILLIS;
        audioTick++;
        if (!channel.isWritable()) {
            camera.stats().audioFramesDropped.incrementAndGet(); // live audio: a late frame is worth nothing
            return;
        }
        camera.stats().audioFramesSent.incrementAndGet();
        send(new FoscAudioData(FoscMediaHeader.audio(timestamp),
                AudioFrames.frame(camera.settings().profile().audioFormat())));
    }

    private void stopAudio() {
        if (audioTimer != null) {
            audioTimer.cancel(false);
            audioTimer = null;
        }
    }

    // ---- events and faults ---------------------------------------------------------------------------------

    void sendEvent(FakeEvent event) {
        if (stalled || !channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            camera.stats().eventsDropped.incrementAndGet(); // a client that does not read gets no queue
            return;
        }
        send(event.toMessage(camera.settings().profile()));
    }

    /** Writes and flushes {@code msg} (taking ownership) and applies a pending close-after-frames fault. */
    private void send(FoscMessage msg) {
        send(msg, true);
    }

    private void send(FoscMessage msg, boolean flush) {
        ChannelFuture f = flush ? ctx.writeAndFlush(msg) : ctx.write(msg);
        if (framesUntilClose > 0 && --framesUntilClose == 0) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    void apply(FakeFault fault) {
        log.debug("{}: connection #{}: fault {}", camera.label(), index, fault);
        switch (fault.kind()) {
            case RESET:
                stopVideo();
                stopAudio();
                channel.config().setSoLinger(0);
                channel.close();
                break;
            case CLOSE_AFTER_FRAMES:
                if (fault.count() == 0) {
                    channel.close();
                } else {
                    framesUntilClose = fault.count();
                }
                break;
            case STALL:
                stall(fault.duration());
                break;
            case VIDEO_BURST:
                burst(fault.count());
                break;
            case BAD_MAGIC:
                writeRaw(WireFaults.badMagicHeader(ctx.alloc()));
                break;
            case OVERSIZED_LENGTH:
                writeRaw(WireFaults.oversizedHeader(ctx.alloc(), FakeFault.OVERSIZED_LENGTH));
                break;
            case GARBAGE_THEN_CLOSE:
                byte[] garbage = new byte[FakeFault.GARBAGE_BYTES];
                ThreadLocalRandom.current().nextBytes(garbage);
                stopVideo();
                stopAudio();
                ctx.writeAndFlush(Unpooled.wrappedBuffer(garbage)).addListener(ChannelFutureListener.CLOSE);
                break;
            case SPLIT_WRITES:
                if (channel.pipeline().get(SplitWritesHandler.NAME) != null) {
                    channel.pipeline().replace(SplitWritesHandler.NAME, SplitWritesHandler.NAME,
                            new SplitWritesHandler(fault.count()));
                } else {
                    channel.pipeline().addFirst(SplitWritesHandler.NAME, new SplitWritesHandler(fault.count()));
                }
                break;
            default:
                throw new IllegalArgumentException("not a connection fault: " + fault);
        }
    }

    /** Stops reading and writing; for good if {@code duration} is zero, else resumes after it. */
    private void stall(Duration duration) {
        if (stalled) {
            return; // already stalled: the first stall decides when (whether) it ends
        }
        boolean videoWasOn = videoTimer != null;
        boolean audioWasOn = audioTimer != null;
        stalled = true;
        stopVideo();
        stopAudio();
        channel.config().setAutoRead(false);
        ClientIdleHandler idle = channel.pipeline().get(ClientIdleHandler.class);
        if (idle != null) {
            idle.pause();
        }
        if (!duration.isZero()) {
            ctx.executor().schedule(() -> {
                if (!channel.isActive() || closing) {
                    return;
                }
                log.debug("{}: connection #{}: stall of {} over", camera.label(), index, duration);
                stalled = false;
                boolean writable = channel.isWritable();
                channel.config().setAutoRead(writable);
                if (idle != null && writable) {
                    idle.resume();
                }
                if (videoWasOn) {
                    startVideo();
                }
                if (audioWasOn) {
                    startAudio();
                }
            }, duration.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Writes the next {@code frames} video frames now (as {@link #sendVideoFrame} would, one after another). */
    private void burst(int frames) {
        if (videoTimer == null || stalled) {
            return;
        }
        for (int i = 0; i < frames && channel.isActive(); i++) {
            sendVideoFrame();
        }
    }

    private void writeRaw(ByteBuf buf) {
        ctx.writeAndFlush(buf);
    }

    // ---- events from the pipeline --------------------------------------------------------------------------

    /**
     * Stops reading while the client does not read: requests would only queue replies the client cannot take
     * (a client that sends but never reads must not grow the outbound buffer). Reading resumes once writable.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!stalled && !closing) {
            boolean writable = channel.isWritable();
            ClientIdleHandler idle = channel.pipeline().get(ClientIdleHandler.class);
            if (idle != null) { // unread client bytes are not the client's silence
                if (writable) {
                    idle.resume();
                } else {
                    idle.pause();
                }
            }
            channel.config().setAutoRead(writable);
            if (unpacedStreaming && writable) {
                schedulePump();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Called by {@link ClientIdleHandler}: nothing arrived from the client for the idle timeout while read. */
    void idle() {
        if (!stalled && !closing) {
            log.debug("{}: connection #{} sent nothing for {}; closing", camera.label(), index,
                    camera.settings().idleTimeout());
            channel.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof FoscPreambleEvent) {
            if (camera.settings().httpOkAnswer()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(HTTP_OK));
            }
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closing) {
            return; // the first bad input decided: later ones (the codec goes on in the same read) say nothing new
        }
        closing = true;
        channel.config().setAutoRead(false);
        stopVideo();
        stopAudio();
        camera.stats().badInputs.incrementAndGet();
        if (cause instanceof IOException) {
            log.debug("{}: connection #{}: {}", camera.label(), index, cause.toString());
        } else {
            log.warn("{}: connection #{} closed after bad input: {}", camera.label(), index, cause.toString());
        }
        channel.close();
    }
}

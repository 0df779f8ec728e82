package dev.fosc.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.util.List;

/**
 * One playing RTSP session of one camera: its tracks and where its packets go.
 *
 * <p>A viewer starts at a key frame. When its connection is not writable (its outbound buffer passed the high
 * water mark) the frame is dropped and the viewer waits for the next key frame that finds it writable again; so
 * a slow viewer holds at most the high water mark plus one frame, and never sees a broken GOP.
 *
 * <p><b>Threading:</b> created on the RTSP connection's event loop, then used only on the camera session's event
 * loop (which writes to the connection from there: Netty queues those writes to the connection's loop and counts
 * them against its water marks at once).
 */
final class Viewer {

    private final ChannelHandlerContext out;
    private final RtpTrack video;
    private final RtpTrack audio;
    private final int audioBytesPerSample;
    private boolean waitingForKey;
    private boolean behind;

    /**
     * @param out the context RTP is written from (the one before the RTSP encoder)
     * @param audio {@code null} when the viewer did not set the audio track up
     * @param audioBytesPerSample 1 for PCMU, 2 for L16
     */
    Viewer(ChannelHandlerContext out, RtpTrack video, RtpTrack audio, int audioBytesPerSample) {
        this.out = out;
        this.video = video;
        this.audio = audio;
        this.audioBytesPerSample = audioBytesPerSample;
        this.waitingForKey = video != null;
    }

    /**
     * Sends one access unit, if the viewer is past its first key frame and keeps up.
     *
     * @return whether the frame was dropped because the viewer fell behind
     */
    boolean video(ByteBuf data, List<int[]> units, long cameraMillis, boolean keyFrame, long nowNanos) {
        if (video == null) {
            return false;
        }
        boolean writable = out.channel().isWritable();
        if (waitingForKey) {
            if (!keyFrame || !writable) {
                return behind; // a new viewer waiting for its first key frame misses nothing
            }
            waitingForKey = false;
            behind = false;
        } else if (!writable) {
            waitingForKey = true;
            behind = true;
            return true;
        }
        CompositeByteBuf packets = out.alloc().compositeBuffer(Integer.MAX_VALUE);
        int timestamp = video.rtpTimestamp(cameraMillis);
        video.appendVideo(packets, data, units, timestamp);
        video.maybeAppendSenderReport(packets, timestamp, nowNanos);
        out.writeAndFlush(packets, out.voidPromise());
        return false;
    }

    /**
     * Sends one encoded audio frame (retained slices of {@code payload} are taken) if the video is flowing: one RTP
     * packet, or several of at most {@link RtpTrack#MAX_PAYLOAD} bytes.
     */
    void audio(ByteBuf payload, long cameraMillis, long nowNanos) {
        if (audio == null || waitingForKey || !out.channel().isWritable()) {
            return;
        }
        CompositeByteBuf packets = out.alloc().compositeBuffer(Integer.MAX_VALUE);
        int timestamp = audio.rtpTimestamp(cameraMillis);
        int step = RtpTrack.MAX_PAYLOAD - RtpTrack.MAX_PAYLOAD % audioBytesPerSample;
        int at = payload.readerIndex();
        int end = payload.writerIndex();
        for (int from = at; from < end; from += step) {
            int n = Math.min(step, end - from);
            audio.appendAudio(packets, payload.retainedSlice(from, n), timestamp + (from - at) / audioBytesPerSample);
        }
        audio.maybeAppendSenderReport(packets, timestamp, nowNanos);
        out.writeAndFlush(packets, out.voidPromise());
    }
}

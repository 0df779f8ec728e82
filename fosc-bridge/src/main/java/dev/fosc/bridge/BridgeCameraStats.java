package dev.fosc.bridge;

import dev.fosc.client.FoscSessionState;

/**
 * A snapshot of one camera behind the bridge ({@link BridgeServer#stats()}). Immutable.
 *
 * @param name the camera's name in its RTSP URL
 * @param state the state of its upstream session
 * @param viewers the RTSP viewers playing it now
 * @param droppedFrames video frames not sent to a viewer that had fallen behind (each viewer's count, summed, since
 *     the bridge started)
 */
public record BridgeCameraStats(String name, FoscSessionState state, int viewers, long droppedFrames) {
}

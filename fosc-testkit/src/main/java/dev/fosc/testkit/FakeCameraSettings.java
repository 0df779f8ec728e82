package dev.fosc.testkit;

import dev.fosc.codec.FoscCredentials;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/** A snapshot of a {@link FakeCamera.Builder}: immutable, shared by a camera's connections. */
record FakeCameraSettings(
        FoscCredentials credentials,
        FakeCameraProfile profile,
        InetAddress bindAddress,
        int port,
        int fps,
        FakeVideoClip clip,
        int videoBitRate,
        boolean unpaced,
        boolean epochTimestamps,
        List<String> presets,
        List<String> cruises,
        String cameraId,
        Duration idleTimeout,
        Duration loginInterval,
        int lockOutAfter,
        boolean preamble,
        boolean httpOkAnswer,
        Duration motionEvery,
        Duration speakerBacklog,
        int maxPlayedFrames,
        boolean record,
        int maxRecordedFrames,
        long maxRecordedBytes,
        int maxPayloadLength,
        List<FakeFault> faultsOnConnect,
        String name) {
}

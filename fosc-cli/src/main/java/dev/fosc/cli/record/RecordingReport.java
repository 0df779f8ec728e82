package dev.fosc.cli.record;

import dev.fosc.client.FoscQuirks;
import dev.fosc.codec.FoscMediaHeader;

import java.time.Instant;
import java.util.List;

/**
 * What {@code session.json} holds: the camera, the stream parameters (from the media header), frame counts,
 * reconnects and the gaps they left. A plain immutable value; never holds the password.
 *
 * @param host camera host
 * @param port camera port
 * @param user the user logged in as
 * @param profile the camera profile's command-line name
 * @param stream {@code main} or {@code sub}
 * @param cameraId the camera id from the last LOGIN_REPLY ({@code null} if never logged in)
 * @param presets preset names from the last LOGIN_REPLY
 * @param cruises cruise names from the last LOGIN_REPLY
 * @param started when recording started
 * @param ended when recording ended
 * @param videoFrames video frames written to video.h264
 * @param keyFrames key frames among them
 * @param videoBytes bytes of video.h264
 * @param skippedFrames frames skipped while waiting for a key frame (at the start and after each reconnect)
 * @param firstVideo the media header of the first frame written, or {@code null}
 * @param lastVideo the media header of the last frame written, or {@code null}
 * @param audio whether audio was recorded
 * @param audioFrames audio frames written to audio.wav
 * @param audioFormat the camera's audio format ({@code pcm}, {@code g726}), or {@code null}
 * @param audioMillis the duration of audio.wav
 * @param events lines in events.jsonl
 * @param reconnects reconnect attempts the session made
 * @param gaps the gaps in the video
 * @param outcome {@code completed}, or why recording stopped early
 * @param droppedVideoFrames video frames not written because the writer fell behind (a slow disk), including
 *     those skipped until the next key frame after such a drop
 * @param droppedAudioFrames audio frames not written because the writer fell behind
 * @param droppedEvents events not written because the writer fell behind
 * @param quirks the quirks the session used at the end, with what the {@code auto} profile learned (so that they
 *     can be stored and given back), or {@code null} when unknown
 */
public record RecordingReport(String host, int port, String user, String profile, String stream, String cameraId,
                              List<String> presets, List<String> cruises, Instant started, Instant ended,
                              long videoFrames, long keyFrames, long videoBytes, long skippedFrames,
                              FoscMediaHeader firstVideo, FoscMediaHeader lastVideo, boolean audio, long audioFrames,
                              String audioFormat, long audioMillis, long events, long reconnects,
                              List<RecordingGap> gaps, String outcome, long droppedVideoFrames,
                              long droppedAudioFrames, long droppedEvents, FoscQuirks quirks) {
}

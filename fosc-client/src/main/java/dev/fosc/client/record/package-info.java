/**
 * Recording support: what an NVR needs to write a camera's media to files, or to hand it on (an RTSP bridge).
 *
 * <ul>
 *   <li>{@link dev.fosc.client.record.FoscKeyFrameGate}: start at a key frame, and again after each
 *       {@link dev.fosc.client.FoscVideoFrame#isDiscontinuity() discontinuity} (a reconnect); keeps the stream's
 *       current parameter sets.</li>
 *   <li>{@link dev.fosc.client.record.FoscH264Parameters}: the SPS and PPS, raw and parsed (size,
 *       {@code profile-level-id}, {@code sprop-parameter-sets}, Annex-B).</li>
 *   <li>{@link dev.fosc.client.record.FoscH264FileWriter} and {@link dev.fosc.client.record.FoscWavFileWriter}: a
 *       raw H.264 elementary stream and a PCM WAV file, as {@code fosc record} writes them.</li>
 * </ul>
 *
 * <p>Threading: none of these types is thread-safe (except the immutable {@code FoscH264Parameters}); the writers
 * block on the file system and belong on an application thread fed with copies of the frames, never on the event
 * loop.
 */
package dev.fosc.client.record;

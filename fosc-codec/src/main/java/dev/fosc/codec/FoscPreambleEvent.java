package dev.fosc.codec;

/**
 * User event fired on the camera side once the client's {@code SERVERPUSH} preamble has been read and the
 * pipeline switched to frames.
 *
 * @param host the request's Host header, empty if it had none
 */
public record FoscPreambleEvent(String host) {
}

/**
 * The bridge load test ({@link dev.fosc.benchmarks.bridge.BridgeLoad}): a fake fleet in one child JVM, the bridge in
 * another, light RTSP viewers in this one, so that the bridge's CPU and memory are its own.
 */
package dev.fosc.benchmarks.bridge;

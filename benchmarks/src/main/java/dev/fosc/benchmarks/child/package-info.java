/**
 * Child JVMs for the benchmarks: the fake fleet and the bridge host run apart from the measured client, spoken to
 * one line at a time ({@link dev.fosc.benchmarks.child.ChildJvm}).
 */
package dev.fosc.benchmarks.child;

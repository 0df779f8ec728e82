/**
 * The fleet benchmark: many fake cameras into one {@code FoscClient}, side by side with raw baselines, printed as
 * JSON (BENCHMARKS.md, "Fleet benchmark", has the command, the fields and the figures).
 *
 * <ul>
 *   <li>{@link dev.fosc.benchmarks.fleet.FleetBenchmark} — command line and orchestration (runs, client order);</li>
 *   <li>{@code FleetServer} / {@code ServerProcess} — the fake fleet in a child JVM and the parent's handle on it;</li>
 *   <li>{@code LoadRunner} — one client's turn in one run (ready, memory, window); {@code TalkRunner} for talk;</li>
 *   <li>{@code FoscLoad} (the measured client), {@code RawLoad}/{@code RawReader} (Netty baseline),
 *       {@code NioRawLoad}/{@code NioWorker} (plain-NIO baseline), {@code FrameWalker} and {@code RawHello}
 *       shared by the baselines;</li>
 *   <li>{@code LoadStats}, {@code LoopStats}, {@code DelayHistogram}, {@code ProcessMetrics},
 *       {@code TalkLateness} — counting and measuring; {@code Measurement}, {@code JsonReport}, {@code Json} —
 *       the report.</li>
 * </ul>
 * Benchmarks never assert.
 */
package dev.fosc.benchmarks.fleet;

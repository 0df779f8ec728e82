/**
 * JMH benchmarks of {@code dev.fosc.codec}: frame decoder and codec throughput ({@link
 * dev.fosc.benchmarks.codec.FoscFrameDecoderBenchmark}), encoder throughput ({@link
 * dev.fosc.benchmarks.codec.FoscEncoderBenchmark}), G.726-16k ({@link dev.fosc.benchmarks.codec.G726Benchmark}),
 * and the baselines they are compared with in the same run ({@link
 * dev.fosc.benchmarks.codec.MemoryCopyBenchmark}, {@link dev.fosc.benchmarks.codec.CopyingDecodeBenchmark}).
 *
 * <p>Inputs are built once per trial; every benchmark releases what the code under test hands out. Benchmarks
 * never assert on speed; a setup check only makes sure that the code under test really ran. Each state object
 * belongs to one benchmark thread (JMH {@code Scope.Thread}).
 */
package dev.fosc.benchmarks.codec;

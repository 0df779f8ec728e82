/**
 * An embedded fake Foscam HD camera for tests, demos and load tests: {@link dev.fosc.testkit.FakeCamera}
 * (one camera on an ephemeral loopback port), {@link dev.fosc.testkit.FakeCameraFleet} (many cameras on one
 * shared event-loop group), firmware variants as {@link dev.fosc.testkit.FakeCameraProfile}s, misbehaviour as
 * {@link dev.fosc.testkit.FakeFault} values, pushed {@link dev.fosc.testkit.FakeEvent}s, and the recording of
 * what the camera received ({@link dev.fosc.testkit.FakeRecordedFrame}, {@link dev.fosc.testkit.FakeSpeaker}).
 *
 * <p>Built on fosc-codec only, never on fosc-client: a fake that shared the client's code would hide the
 * client's bugs. The JUnit 5 layer is in {@code dev.fosc.testkit.junit5}.
 *
 * <h2>Threading</h2>
 * Each camera's connections and state live on one event loop. Public methods are thread-safe; the waiting
 * ones block and must not be called from a camera's event loop.
 *
 * <h2>Buffers</h2>
 * No {@code ByteBuf} crosses this package's API: recordings are {@code byte[]} and plain values, copied in
 * and out. Inside, every received message is released by the connection handler; media is sent from shared
 * read-only buffers that are never released.
 *
 * <h2>Passwords</h2>
 * A camera's password never appears in a log line, a {@code toString()} or a recording (the decoded form
 * shows {@code <redacted>}); the raw bytes of a recorded frame do hold it, as the wire does.
 */
package dev.fosc.testkit;

/**
 * The fosc client: {@link dev.fosc.client.FoscClient} multiplexes camera sessions
 * ({@link dev.fosc.client.FoscSession}) on a small shared event-loop group; each session logs in, keeps itself
 * alive, reconnects with backoff and hands video, audio and events to the application. A session is described by
 * {@link dev.fosc.client.FoscSessionOptions}, built from the camera's address and its
 * {@link dev.fosc.codec.FoscCredentials} (fosc-codec's package {@code dev.fosc.codec}, which fosc-client depends
 * on). Recording helpers are in {@link dev.fosc.client.record}.
 *
 * <h2>Threading</h2>
 * <ul>
 *   <li>Every session lives on one event loop of the client's group for its whole life; its state is touched
 *       only there (no locks). Public methods may be called from any thread.</li>
 *   <li>Listener callbacks, {@code Flow} signals and the completion of returned futures run on the session's
 *       event loop, which many sessions share: they must not block. Blocking helpers
 *       ({@link dev.fosc.client.FoscClient#close()}) refuse to run on an event loop.</li>
 *   <li>Reconnect timers and talk pacing ({@link dev.fosc.client.FoscTalk}) run on the session's own event
 *       loop; no extra threads or timers.</li>
 * </ul>
 *
 * <h2>Buffer ownership</h2>
 * <ol>
 *   <li>Inside the pipeline, Netty's rule: whoever receives a reference-counted message releases it or passes
 *       it on.</li>
 *   <li>Sending takes ownership: the library releases what it sends, also on failure.</li>
 *   <li>Delivery to the application is <em>borrowed</em>: a {@link dev.fosc.client.FoscVideoFrame} or
 *       {@link dev.fosc.client.FoscAudioFrame} is valid until the callback returns. Call {@code retain()} to keep
 *       it (then {@code release()} it yourself), or use the copying conveniences ({@code copyData()},
 *       {@code copyPcm()}). Data kept for long should be copied: a retained frame pins the whole receive
 *       buffer it was sliced from.</li>
 *   <li>An exception thrown by application code is caught and logged; the library still releases.</li>
 *   <li>Events ({@link dev.fosc.client.FoscEvent}) are plain immutable values: no reference counting.</li>
 *   <li>Talk audio is copied in: {@link dev.fosc.client.FoscTalk#write(java.nio.ByteBuffer)} and the talk's
 *       subscriber copy what they accept; the caller keeps its arrays and buffers.</li>
 * </ol>
 *
 * <h2>Metrics</h2>
 * {@link dev.fosc.client.FoscSession#stats()} and {@link dev.fosc.client.FoscClient#stats()} return immutable
 * snapshots of counters kept on the event loops (single-writer volatile fields: no locks on the hot path);
 * {@link dev.fosc.client.FoscSessionObserver} tells when sessions join and leave a client. The optional
 * fosc-micrometer module publishes them as Micrometer meters; this package depends on no metrics library.
 *
 * <h2>Errors</h2>
 * Futures fail with the exception itself; {@code join()} wraps it in a
 * {@link java.util.concurrent.CompletionException} and {@code get()} in an
 * {@link java.util.concurrent.ExecutionException}: look at {@code getCause()}. Connect futures fail with
 * {@link dev.fosc.client.FoscConnectException} (unreachable; the session keeps trying by default) or a
 * {@link dev.fosc.client.FoscLoginRefusedException}: {@link dev.fosc.client.FoscAuthenticationException} (bad
 * credentials: final on the first login, retried as credentials suspect after an accepted one) or its sibling
 * {@link dev.fosc.client.FoscLoginRateLimitedException} (too many users: retried after a long backoff); request
 * futures fail with {@link dev.fosc.client.FoscRequestTimeoutException},
 * {@link dev.fosc.client.FoscRequestRefusedException}, {@link dev.fosc.client.FoscWriteQueueFullException},
 * {@link dev.fosc.client.FoscConnectionClosedException} or, when no login came to wait for,
 * {@link dev.fosc.client.FoscNotConnectedException};
 * protocol errors
 * ({@link dev.fosc.client.FoscProtocolException}) and stalls ({@link dev.fosc.client.FoscStalledException})
 * close the connection and reconnect; operations after close throw
 * {@link dev.fosc.client.FoscSessionClosedException} at once. No message contains a password.
 */
package dev.fosc.client;

package dev.fosc.client;

import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * The {@link FoscClient} a test class shares, as a JUnit 5 extension on a static field
 * ({@code @RegisterExtension static final SharedClient SHARED = new SharedClient(2);}). The client is built with the
 * extension and closed after the class's last test. After each test the sessions it opened are closed (each given
 * 5 s) and then what it {@link #track tracked} (fake cameras, scripted cameras) is closed, newest first.
 */
final class SharedClient implements AfterEachCallback, AfterAllCallback {

    private final FoscClient client;
    private final Deque<AutoCloseable> tracked = new ArrayDeque<>();

    /** @param threads the client's event-loop threads */
    SharedClient(int threads) {
        this.client = FoscClient.builder().threads(threads).build();
    }

    FoscClient client() {
        return client;
    }

    /** Closes {@code resource} after the current test; returns it. */
    <T extends AutoCloseable> T track(T resource) {
        tracked.push(resource);
        return resource;
    }

    /** Starts a fake camera that is closed after the current test. */
    FakeCamera camera(FakeCamera.Builder builder) {
        return track(builder.start());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (FoscSession s : client.sessions()) {
            s.close().orTimeout(5, TimeUnit.SECONDS).join();
        }
        while (!tracked.isEmpty()) {
            tracked.pop().close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
    }
}

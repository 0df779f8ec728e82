package dev.fosc.cli;

import dev.fosc.cli.common.CliException;
import dev.fosc.cli.common.ErrorText;
import dev.fosc.cli.record.DurationConverter;
import dev.fosc.cli.record.PasswordSource;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraFleet;
import dev.fosc.testkit.FakeCameraProfile;
import dev.fosc.testkit.FakeVideoClip;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code fosc fake-camera}: runs one fake camera (or a fleet with {@code --cameras N}) until killed, printing
 * {@code listening on HOST:PORT} once per camera as soon as it accepts connections. The password comes from
 * {@code --password}, {@code --password-file} or the {@code FOSC_PASSWORD} variable (empty if none) and is
 * never printed. Returns 0 when interrupted (the cameras are closed), 2 if an option or the H.264 file cannot be
 * used, 1 if a port cannot be bound (the message says why: "port 8888 is already in use").
 */
@Command(name = "fake-camera", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a fake Foscam camera (or several) speaking the FOSC protocol, until killed.",
                "Prints 'listening on HOST:PORT' per camera once it accepts connections."})
public final class FakeCameraCommand implements Callable<Integer> {

    /** The exit code when a port cannot be bound. */
    public static final int EXIT_CANNOT_LISTEN = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT",
            description = "Port to listen on (0: a free port). With --cameras, the first of consecutive ports.")
    int port;

    @Option(names = "--user", defaultValue = FakeCamera.DEFAULT_USER, paramLabel = "USER",
            description = "User the camera accepts (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", arity = "1",
            description = "Password the camera accepts (default: empty; prefer --password-file or FOSC_PASSWORD).")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password the camera accepts.")
    Path passwordFile;

    @Option(names = "--profile", defaultValue = "fi9821w-v2", paramLabel = "PROFILE",
            converter = ProfileConverter.class,
            description = "Firmware variant: fi9821w-v2, r2c or c1-v3 (default: ${DEFAULT-VALUE}).")
    FakeCameraProfile profile;

    @Option(names = "--idle-timeout", defaultValue = "60s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Close connections silent for this long, e.g. 60s, 500ms, 2m (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--motion-every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Send a motion alert to logged-in clients this often, e.g. 5s.")
    Duration motionEvery;

    @Option(names = "--fps", defaultValue = "25", paramLabel = "N",
            description = "Video frames per second (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--h264", paramLabel = "FILE",
            description = "Annex-B H.264 file to stream instead of the built-in test pattern.")
    Path h264;

    @Option(names = "--video-bitrate", defaultValue = "0", paramLabel = "BITS",
            description = "Pad video frames with filler data up to this bit rate in bit/s (default: no padding).")
    int videoBitRate;

    @Option(names = "--cameras", defaultValue = "1", paramLabel = "N",
            description = "Run N cameras on consecutive ports, on one shared event-loop group (default: 1).")
    int cameras;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    private Map<String, String> env = System.getenv();

    /** Reads the environment from {@code env} instead of {@link System#getenv()} (for tests and embedding). */
    public FakeCameraCommand env(Map<String, String> env) {
        this.env = Map.copyOf(env);
        return this;
    }

    /** {@code --password}, else {@code --password-file}, else {@code FOSC_PASSWORD}, else the empty default. */
    private String resolvePassword() {
        if (password == null && passwordFile == null && !env.containsKey(PasswordSource.ENV)) {
            return FakeCamera.DEFAULT_PASSWORD;
        }
        return PasswordSource.resolve(password, passwordFile, env);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FakeCamera.Builder builder;
        InetAddress bindAddress;
        try {
            bindAddress = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw CliException.usage("cannot resolve --bind '" + bind + "': no such host");
        }
        try {
            builder = FakeCamera.builder().user(user).password(resolvePassword()).profile(profile).fps(fps)
                    .idleTimeout(idleTimeout).videoBitRate(videoBitRate).bindAddress(bindAddress)
                    .name("fake-camera").record(false); // nothing reads a recording here: it would only grow
            if (motionEvery != null) {
                builder.motionEvery(motionEvery);
            }
            if (h264 != null) {
                builder.video(FakeVideoClip.fromFile(h264));
            }
            if (cameras < 1) {
                throw new IllegalArgumentException("--cameras must be at least 1");
            }
        } catch (IOException e) {
            throw CliException.usage("the H.264 file " + h264 + " cannot be read: " + ErrorText.fileReason(e));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        List<FakeCamera> running = new ArrayList<>();
        AutoCloseable resource;
        try {
            if (cameras == 1) {
                FakeCamera camera = builder.port(port).start();
                running.add(camera);
                resource = camera;
            } else {
                FakeCameraFleet fleet = FakeCameraFleet.builder(builder).cameras(cameras).basePort(port)
                        .start();
                running.addAll(fleet.cameras());
                resource = fleet;
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        } catch (RuntimeException e) {
            throw new CliException(EXIT_CANNOT_LISTEN, "cannot listen on " + bind + ":" + port + ": "
                    + ErrorText.listenReason(e, port), e);
        }
        for (FakeCamera camera : running) {
            out.println("listening on " + camera.host() + ":" + camera.port());
        }
        out.flush();
        CountDownLatch forever = new CountDownLatch(1);
        Thread hook = new Thread(() -> close(resource), "fake-camera-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            forever.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(resource);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
        return 0;
    }

    private static void close(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // closing fake cameras on the way out: nothing useful to report
        }
    }

    /** Parses a profile's command-line name. */
    static final class ProfileConverter implements ITypeConverter<FakeCameraProfile> {
        @Override
        public FakeCameraProfile convert(String value) {
            try {
                return FakeCameraProfile.fromName(value.trim());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

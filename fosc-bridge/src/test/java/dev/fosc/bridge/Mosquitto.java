package dev.fosc.bridge;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto broker on a free port, started and stopped by a test (by its own process handle); plain TCP, or
 * TLS with a certificate and key in PEM files ({@link SelfSigned}).
 */
final class Mosquitto implements AutoCloseable {

    private final Path dir;
    private final int port;
    private String tls = "";
    private Process process;

    Mosquitto(Path dir) throws IOException {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    /** The listener speaks TLS only, with this certificate and key (before {@link #start()}). */
    Mosquitto tls(SelfSigned certificate) {
        // Started as root, mosquitto reads its certificate after dropping to the user 'mosquitto', who cannot read the
        // test's private temporary directory: keep root then (elsewhere the line changes nothing).
        String user = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
        this.tls = user + "certfile " + certificate.certificate() + "\nkeyfile " + certificate.key() + "\n";
        return this;
    }

    int port() {
        return port;
    }

    /** The broker's log (every message it receives and sends, with QoS and packet ids). */
    String log() throws IOException {
        return Files.readString(dir.resolve("mosquitto.log"));
    }

    /** Starts the broker and waits until it accepts connections. */
    Mosquitto start() throws Exception {
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"),
                "listener " + port + " 127.0.0.1\nallow_anonymous true\nlog_type all\nlog_dest stderr\n" + tls);
        process = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new AssertionError("mosquitto ended: " + log());
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("mosquitto does not accept connections on " + port);
    }

    /** Freezes (SIGSTOP) or thaws (SIGCONT) the broker: its socket stays open but nothing is read or answered. */
    void freeze(boolean frozen) throws Exception {
        Tools.run("kill", frozen ? "-STOP" : "-CONT", String.valueOf(process.pid()));
    }

    /** Kills the broker (SIGKILL: it answers nothing more) and waits for it. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        process = null;
    }

    /** Stops the broker (SIGTERM) and waits for it. */
    void stop() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            freeze(false);
        }
        stop();
    }
}

package dev.fosc.cli;

import dev.fosc.cli.decode.CaptureDecodeException;
import dev.fosc.cli.decode.CaptureDecoder;
import dev.fosc.cli.decode.CapturePreamble;
import dev.fosc.cli.decode.JsonFrameWriter;
import dev.fosc.codec.FoscDecodedForm;
import dev.fosc.codec.FoscFrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code fosc decode FILE}: prints the frames of a byte stream captured from one direction of a session as
 * JSON Lines on standard output, one object per frame with the names of docs/protocol.md §8 (passwords shown as
 * {@code "<redacted>"}). {@code -} reads standard input. A leading {@code SERVERPUSH} request (client
 * direction) or {@code HTTP/1.x 200} block (camera direction) is detected and skipped.
 *
 * <p>On bad input (bad magic, oversize frame, a stream that ends inside a frame, a bad preamble) it prints the
 * frames decoded before the problem, then one {@code error: ...} line on standard error naming the byte offset,
 * and exits 1. A malformed payload of a known command is printed as an object with an {@code "error"} field and
 * decoding goes on.
 *
 * <p>Streaming: memory stays bounded by the largest frame. Runs on the calling thread; not thread-safe.
 */
@Command(name = "decode", mixinStandardHelpOptions = true, versionProvider = FoscVersion.class,
        description = {
            "Print the frames of a captured FOSC byte stream (one direction of a session) as JSON Lines.",
            "A leading SERVERPUSH request or HTTP/1.x 200 block is skipped. Passwords are redacted."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every frame decoded", "1:bad input (an error line names the byte offset) or I/O error",
            "2:usage error"},
        footerHeading = "%nExample:%n",
        footer = {"  fosc decode camera-to-client.bin | grep VIDEO_DATA", ""})
public final class DecodeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DecodeCommand.class);

    @Parameters(index = "0", paramLabel = "FILE", description = "The captured bytes; - for standard input.")
    String file;

    @Option(names = "--max-payload", paramLabel = "BYTES",
            description = "Largest frame payload accepted (default: ${DEFAULT-VALUE}).")
    int maxPayload = FoscFrameDecoder.DEFAULT_MAX_PAYLOAD_LENGTH;

    @Option(names = "--offsets", description = "Add each frame's byte offset in the input as \"offset\".")
    boolean offsets;

    @Mixin
    LoggingOptions logging;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private InputStream stdin = System.in;

    /** Reads standard input from {@code in} instead of {@link System#in} (for tests and embedding). */
    DecodeCommand stdin(InputStream in) {
        this.stdin = Objects.requireNonNull(in, "in");
        return this;
    }

    @Override
    public Integer call() throws IOException {
        logging.apply();
        if (maxPayload < 0 || maxPayload > Integer.MAX_VALUE - 12) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-payload must be 0.." + (Integer.MAX_VALUE - 12) + ": " + maxPayload);
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean fromStdin = "-".equals(file);
        InputStream in;
        try {
            in = fromStdin ? stdin : Files.newInputStream(Path.of(file));
        } catch (NoSuchFileException e) {
            return fail(err, "no such file: " + file);
        } catch (AccessDeniedException e) {
            return fail(err, "permission denied: " + file);
        } catch (IOException e) {
            return fail(err, "cannot open " + file + ": " + e.getMessage());
        }
        JsonFrameWriter json = new JsonFrameWriter(spec.commandLine().getOut());
        try (CaptureDecoder decoder = new CaptureDecoder(maxPayload, (message, offset, payloadLength) -> {
            Map<String, Object> form = FoscDecodedForm.of(message);
            form.put("length", payloadLength); // the frame's own length field, padding included
            if (offsets) {
                form.put("offset", offset);
            }
            json.write(form);
        })) {
            try {
                decoder.decode(in);
                log(decoder);
                return CommandLine.ExitCode.OK;
            } catch (CaptureDecodeException e) {
                log(decoder);
                json.flush();
                return fail(err, e.getMessage());
            } catch (IOException e) {
                json.flush();
                return fail(err, "cannot read " + (fromStdin ? "standard input" : file) + " after byte "
                        + decoder.bytesIn() + ": " + e.getMessage());
            }
        } finally {
            json.close();
            if (!fromStdin) {
                in.close();
            }
        }
    }

    private static void log(CaptureDecoder decoder) {
        CapturePreamble preamble = decoder.preamble();
        if (preamble.kind() != CapturePreamble.Kind.NONE) {
            LOG.debug("skipped a {}-byte preamble ({})", preamble.length(), preamble.kind());
        }
        LOG.debug("decoded {} frames from {} bytes", decoder.frames(), decoder.bytesIn());
    }

    private static int fail(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }
}

package dev.fosc.cli;

import dev.fosc.cli.common.CameraConnect;
import dev.fosc.cli.common.CameraOptions;
import dev.fosc.cli.common.CameraTarget;
import dev.fosc.cli.common.ExitCodes;
import dev.fosc.cli.common.StopSignals;
import dev.fosc.cli.talk.TalkPlayer;
import dev.fosc.cli.talk.WavInput;
import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscTalk;
import dev.fosc.client.FoscTalkOptions;
import dev.fosc.client.FoscTalkStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code fosc talk --file FILE.wav}: plays a WAV file through the camera speaker, paced in real time through the
 * client's talk API ({@link TalkPlayer}). The file is converted first ({@link WavInput}: any PCM WAV, resampled to
 * 8 kHz mono 16-bit with a low-pass before decimation), so a file that cannot be read fails before any connection.
 * Prints the frames sent, padded and dropped. Ctrl-C ends the talk (what is buffered plays out, then SPEAKER_OFF).
 *
 * <p><b>Threading:</b> runs on the calling thread, which blocks about as long as the clip plays. One instance per
 * execution.
 */
@Command(name = "talk", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Play a WAV file through the camera speaker, paced in real time.",
            "Any PCM WAV: other sample rates and channel counts are converted to 8 kHz mono 16-bit."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:played", "2:usage error, or the file cannot be read",
            "3:login refused (no second attempt was made)",
            "4:cannot connect, protocol error, or the camera refused the speaker",
            "130:stopped by Ctrl-C (SIGINT)", "143:stopped by SIGTERM"},
        footerHeading = "%nExamples:%n",
        footer = {"  fosc talk --host 192.168.1.20 --password-file pw.txt --file doorbell.wav",
            "  sox chime.mp3 -t wav - | fosc talk --host 192.168.1.20 --file -", ""})
public final class TalkCommand implements Callable<Integer> {

    @Mixin
    CameraOptions camera;

    @Option(names = "--file", required = true, paramLabel = "FILE",
            description = "The WAV file to play; - reads it from standard input.")
    String file;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of failures.")
    boolean verbose;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private Map<String, String> env = System.getenv();
    private InputStream stdin = System.in;

    /** Reads the environment from {@code env} instead of {@link System#getenv()} (for tests and embedding). */
    public TalkCommand env(Map<String, String> env) {
        this.env = Map.copyOf(env);
        return this;
    }

    /** Reads {@code --file -} from {@code in} instead of {@link System#in} (for tests). */
    public TalkCommand stdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    @Override
    @SuppressWarnings("try") // the stop registration is held for the try block, not used in it
    public Integer call() throws Exception {
        CameraTarget target = camera.target(env);
        WavInput.Audio audio = WavInput.read(file, stdin);
        target.checkResolvable();
        PrintWriter out = spec.commandLine().getOut();
        AtomicReference<FoscTalk> open = new AtomicReference<>();
        try (StopSignals.Registration stop = StopSignals.onStop(() -> {
                FoscTalk t = open.get();
                if (t != null) {
                    t.close();
                }
            });
             FoscClient client = FoscClient.builder().threads(1).build()) {
            FoscSession session = client.newSession(target.sessionOptions().build());
            CameraConnect.login(session, target);
            FoscTalk talk = CameraConnect.await(session.openTalk(FoscTalkOptions.DEFAULT), target,
                    "turning the speaker on");
            open.set(talk);
            FoscTalkStats stats = CameraConnect.await(TalkPlayer.play(talk, audio.pcm()), target, "talking");
            session.close();
            out.println(String.format(Locale.ROOT, "played %.1f s from %s (%s Hz, %d channel%s) to %s: %d frames sent"
                            + " (%d of lead-in silence), %d padded, %d dropped late, %d dropped on overflow;"
                            + " SPEAKER_ON size %d", audio.millis() / 1000.0, "-".equals(file) ? "standard input"
                            : file, trim(audio.sourceRate()), audio.sourceChannels(),
                    audio.sourceChannels() == 1 ? "" : "s", target.hostPort(), stats.framesSent(),
                    stats.leadInFrames(), stats.framesPadded(), stats.framesDroppedLate(),
                    stats.framesDroppedOverflow(), stats.speakerOnLength()));
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static String trim(float rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }
}

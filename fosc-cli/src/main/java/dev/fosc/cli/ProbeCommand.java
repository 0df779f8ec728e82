package dev.fosc.cli;

import dev.fosc.cli.common.CameraConnect;
import dev.fosc.cli.common.CameraOptions;
import dev.fosc.cli.common.CameraTarget;
import dev.fosc.cli.common.CliException;
import dev.fosc.cli.common.ExitCodes;
import dev.fosc.cli.probe.ProbeListener;
import dev.fosc.cli.probe.ProbeResult;
import dev.fosc.client.FoscCameraProfile;
import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscLoginInfo;
import dev.fosc.client.FoscQuirks;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscTalk;
import dev.fosc.client.FoscTalkOptions;
import dev.fosc.client.FoscTalkRefusedException;
import dev.fosc.codec.FoscMediaHeader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fosc probe}: logs in and reports what the camera is: id, presets, cruises, the stream parameters of the
 * first main-stream video frame, the camera's audio format from the first audio frame, and the quirks the
 * {@code auto} profile learns: the VIDEO_ON stream byte (from the camera's answer to VIDEO_ON) and the SPEAKER_ON
 * size (a talk opened with no audio and closed at once: SPEAKER_ON and SPEAKER_OFF only, nothing is played).
 * From those it names the known profile that matches. {@code --json} prints exactly one JSON object.
 *
 * <p><b>Threading:</b> runs on the calling thread; one instance per execution.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Report what a camera is and which --profile matches.",
            "Camera id, presets, cruises, video stream parameters, audio format, and the VIDEO_ON stream byte and",
            "SPEAKER_ON size it accepts (learned as --profile auto learns them; nothing is played)."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:probed", "2:usage error",
            "3:login refused (no second attempt was made)", "4:cannot connect, protocol error, or no video",
            "130:stopped by Ctrl-C (SIGINT)", "143:stopped by SIGTERM"},
        footerHeading = "%nExample:%n",
        footer = {"  fosc probe --host 192.168.1.20 --password-file pw.txt --json", ""})
public final class ProbeCommand implements Callable<Integer> {

    @Mixin
    CameraOptions camera;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of failures.")
    boolean verbose;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private Map<String, String> env = System.getenv();

    /** Reads the environment from {@code env} instead of {@link System#getenv()} (for tests and embedding). */
    public ProbeCommand env(Map<String, String> env) {
        this.env = Map.copyOf(env);
        return this;
    }

    @Override
    public Integer call() {
        CameraTarget target = camera.target(env);
        target.checkResolvable();
        ProbeListener listener = new ProbeListener();
        try (FoscClient client = FoscClient.builder().threads(1).build()) {
            FoscSession session = client.newSession(target.sessionOptions().build(), listener);
            FoscLoginInfo login = CameraConnect.login(session, target);
            CameraConnect.await(session.videoOn(FoscStream.MAIN), target, "turning video on");
            FoscMediaHeader video = CameraConnect.await(listener.firstVideo(), target, "waiting for the first video"
                    + " frame");
            CameraConnect.await(session.audioOn(), target, "turning audio on");
            String audio = CameraConnect.await(listener.firstAudio(), target, "waiting for the first audio frame");
            int speakerOnSize = probeSpeaker(session, target);
            FoscQuirks quirks = session.quirks();
            session.close();
            int streamByte = quirks.streamByteFor(FoscStream.MAIN);
            ProbeResult result = new ProbeResult(login.cameraId(), login.presets(), login.cruises(), video.width(),
                    video.height(), video.frameRate(), video.bitRate(), audio, streamByte, speakerOnSize,
                    matchingProfile(streamByte, speakerOnSize, audio, listener.c1EarlyEvent()));
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? result.toJson() + System.lineSeparator() : result.toText(target.displayUrl()));
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** SPEAKER_ON then SPEAKER_OFF, no audio: the size the camera accepted, or 0 when it refused every size. */
    private static int probeSpeaker(FoscSession session, CameraTarget target) {
        FoscTalkOptions silent = FoscTalkOptions.builder().leadIn(Duration.ZERO).build();
        try {
            FoscTalk talk = CameraConnect.await(session.openTalk(silent), target, "turning the speaker on");
            CameraConnect.await(talk.close(), target, "turning the speaker off");
            return talk.stats().speakerOnLength();
        } catch (CliException e) {
            if (e.getCause() instanceof FoscTalkRefusedException) {
                return 0;
            }
            throw e;
        }
    }

    /**
     * The known model these answers fit: an R2C takes stream byte 1 for the main stream, a 164-byte SPEAKER_ON
     * and sends G.726; an FI9821W V2 and a C1 V3 take byte 0 and 160 bytes and send PCM, and a C1 V3 pushes an
     * unknown event (200) around its login. {@code auto} when none fits.
     */
    static String matchingProfile(int streamByte, int speakerOnSize, String audio, boolean c1EarlyEvent) {
        if (streamByte == 1 && speakerOnSize == FoscCameraProfile.R2C.quirks().speakerOnLength()
                && "g726".equals(audio)) {
            return "r2c";
        }
        if (streamByte == 0 && speakerOnSize == FoscQuirks.DEFAULT_SPEAKER_ON_LENGTH && "pcm".equals(audio)) {
            return c1EarlyEvent ? "c1-v3" : "fi9821w-v2";
        }
        return "auto";
    }
}

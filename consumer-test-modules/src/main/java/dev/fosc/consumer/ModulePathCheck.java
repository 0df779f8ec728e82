package dev.fosc.consumer;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Logs in to a FakeCamera with a FoscClient, turns video on and waits for one frame; says which modules and which
 * transport it ran with. Exit status 0 when a frame came and everything ran in named modules.
 */
public final class ModulePathCheck {

    private ModulePathCheck() {
    }

    /** One login and one video frame against a fresh FakeCamera; returns a one-line summary. */
    public static String run(FakeCamera camera) throws Exception {
        CompletableFuture<Integer> firstFrame = new CompletableFuture<>();
        FoscSessionListener listener = new FoscSessionListener() {
            @Override
            public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
                firstFrame.complete(frame.data().readableBytes());
            }
        };
        try (FoscClient client = FoscClient.create()) {
            FoscSession session = client.newSession(FoscSessionOptions.builder(camera.host(),
                    FoscCredentials.of("admin", "pw")).port(camera.port()).build(), listener);
            session.connect().get(10, TimeUnit.SECONDS);
            session.videoOn(FoscStream.MAIN).get(10, TimeUnit.SECONDS);
            int bytes = firstFrame.get(10, TimeUnit.SECONDS);
            Module clientModule = FoscClient.class.getModule();
            return "frame of " + bytes + " bytes; transport " + client.channelType().getSimpleName()
                    + "; modules: consumer=" + ModulePathCheck.class.getModule().getName()
                    + " client=" + clientModule.getName()
                    + " codec=" + FoscCredentials.class.getModule().getName()
                    + " testkit=" + FakeCamera.class.getModule().getName()
                    + " netty=" + io.netty.channel.Channel.class.getModule().getName()
                    + "; dev.fosc.client.internal exported: " + clientModule.isExported("dev.fosc.client.internal");
        }
    }

    /** Runs the check; exit status 1 when any class ran outside a named module. */
    public static void main(String[] args) throws Exception {
        String summary;
        try (FakeCamera camera = FakeCamera.builder().user("admin").password("pw").start()) {
            summary = run(camera);
        }
        System.out.println(summary);
        boolean named = ModulePathCheck.class.getModule().isNamed() && FoscClient.class.getModule().isNamed()
                && FakeCamera.class.getModule().isNamed();
        System.exit(named ? 0 : 1);
    }
}

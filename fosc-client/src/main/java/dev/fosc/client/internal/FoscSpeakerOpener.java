package dev.fosc.client.internal;

import dev.fosc.client.FoscTalkRefusedException;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscSpeakerOn;
import dev.fosc.codec.FoscStatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Opens the camera speaker: SPEAKER_ON with each given size in turn, one request per size and never more, until
 * reply 20 says status 0 (docs/protocol.md §2, §5). A refusal of every size fails with {@link FoscTalkRefusedException}
 * naming the likely causes; a timeout or a lost connection fails with the request's own exception.
 *
 * <p>Threading: runs on the connection's event loop; the future completes there.
 */
final class FoscSpeakerOpener {

    private static final Logger LOG = LoggerFactory.getLogger(FoscSpeakerOpener.class);

    private FoscSpeakerOpener() {
    }

    /**
     * @param lengths the SPEAKER_ON sizes to try, in order (at least one)
     * @return the size the camera accepted
     */
    static CompletableFuture<Integer> open(FoscConnectionHandler conn, FoscCredentials credentials, int uid,
                                           int[] lengths, String address) {
        if (lengths.length == 0) {
            throw new IllegalArgumentException("no SPEAKER_ON size to try");
        }
        CompletableFuture<Integer> result = new CompletableFuture<>();
        attempt(conn, credentials, uid, lengths.clone(), 0, address, result);
        return result;
    }

    private static void attempt(FoscConnectionHandler conn, FoscCredentials credentials, int uid, int[] lengths,
                                int i, String address, CompletableFuture<Integer> result) {
        int length = lengths[i];
        conn.request(new FoscSpeakerOn(credentials, uid, length), FoscCommand.SPEAKER_ON_REPLY)
                .whenComplete((reply, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                        return;
                    }
                    int status = ((FoscStatusReply) reply).status();
                    if (status == 0) {
                        result.complete(length);
                    } else if (i + 1 < lengths.length) {
                        LOG.debug("{}: SPEAKER_ON of {} bytes refused with status {}; trying {} bytes", address,
                                length, status, lengths[i + 1]);
                        attempt(conn, credentials, uid, lengths, i + 1, address, result);
                    } else {
                        result.completeExceptionally(refused(address, status, lengths));
                    }
                });
    }

    static FoscTalkRefusedException refused(String address, int status, int[] lengths) {
        if (lengths.length == 1) {
            return new FoscTalkRefusedException("camera " + address + " refused SPEAKER_ON (" + lengths[0]
                    + " bytes) with status " + status + ": another talker may already hold the speaker, or this model "
                    + "wants another SPEAKER_ON size (set it with FoscSessionOptions.Builder.speakerOnLength or the "
                    + "camera profile; an R2C wants " + FoscSpeakerOn.R2C_LENGTH + ")", status, lengths);
        }
        return new FoscTalkRefusedException("camera " + address + " refused SPEAKER_ON with every size tried ("
                + Arrays.toString(lengths).replace("[", "").replace("]", "") + " bytes; last status " + status
                + "): speaker busy or not supported", status, lengths);
    }
}

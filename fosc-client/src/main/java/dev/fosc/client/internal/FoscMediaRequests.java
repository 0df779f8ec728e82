package dev.fosc.client.internal;

import dev.fosc.client.FoscException;
import dev.fosc.client.FoscNotConnectedException;
import dev.fosc.client.FoscRequestRefusedException;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscStream;
import dev.fosc.codec.FoscAudioOff;
import dev.fosc.codec.FoscAudioOn;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscStatusReply;
import dev.fosc.codec.FoscVideoOn;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static dev.fosc.client.internal.FoscFutures.complete;
import static dev.fosc.client.internal.FoscFutures.forward;

/**
 * The media the application wants from one session (a video stream, audio on or off), the videoOn/audioOn/audioOff
 * calls waiting for a connection that can take them, the VIDEO_ON/AUDIO_ON requests in flight (shared by calls
 * that come while one is on its way), and turning media on again after each (re)login. The stream byte these
 * requests carry comes from the session's {@link FoscQuirkLearner}: with the AUTO profile a request refused with
 * status 1 is sent once more with the other byte, and the byte that worked is remembered there. A VIDEO_ON or AUDIO_ON
 * that goes unanswered, or is accepted without media following, is asked again by {@link FoscMediaRetry}.
 *
 * <p>Threading: used only on the session's event loop; no locks. The session tells it where media requests go
 * (the connection, or none yet) and opens the media connection when asked.
 */
final class FoscMediaRequests {

    private static final Logger LOG = LoggerFactory.getLogger(FoscSession.class);
    /** The status of a refusal that an AUTO session answers with the other stream byte (docs/protocol.md §2). */
    private static final int STATUS_REFUSED = 1;

    private final FoscSessionOptions options;
    private final FoscQuirkLearner learner;
    private final int uid;
    private final String address;
    private final Supplier<FoscConnectionHandler> mediaConnection;
    private final Runnable openMediaIfWanted;
    private final BooleanSupplier audioMayFlow;

    private FoscStream wantedVideo;
    /** The stream last asked for with videoOn, kept after videoOff: it labels frames and picks the audio byte. */
    private FoscStream lastVideo;
    private boolean wantedAudio;
    private final BooleanSupplier willConnect;
    private final EventLoop loop;
    private final BooleanSupplier readingPaused;
    // Created with the first call that needs them: most sessions never wait for a connection, many never ask for
    // audio, and an idle session should stay small (thousands per process).
    private FoscWaitingCalls.Budget budget;
    private FoscWaitingCalls videoWaiters;
    private FoscWaitingCalls audioWaiters;
    private FoscWaitingCalls audioOffWaiters;
    private FoscMediaRetry videoRetry;
    private FoscMediaRetry audioRetry;
    private CompletableFuture<Void> videoInFlight;
    /** The stream byte of the last VIDEO_ON the camera accepted, or -1. */
    private int lastVideoByte = -1;
    private CompletableFuture<Void> audioInFlight;

    /**
     * @param mediaConnection the connection media requests go to now, or {@code null} when none is ready
     * @param openMediaIfWanted opens the media connection if the mode has one, it is missing and media is wanted
     * @param audioMayFlow true while a connection exists that may carry audio and stays (so AUDIO_OFF must wait for
     *     it rather than complete at once)
     * @param learner the session's quirks, learned or configured (shared with the session, kept across reconnects)
     * @param willConnect false while the session is not connected and will not connect again by itself
     *     (DISCONNECTED): calls then fail at once instead of waiting
     * @param loop the session's event loop, for the timeouts of waiting calls and the retries
     * @param readingPaused true while the session does not read (media silence is then its own doing)
     */
    FoscMediaRequests(FoscSessionOptions options, FoscQuirkLearner learner, int uid, String address,
                      Supplier<FoscConnectionHandler> mediaConnection, Runnable openMediaIfWanted,
                      BooleanSupplier audioMayFlow, BooleanSupplier willConnect, EventLoop loop,
                      BooleanSupplier readingPaused) {
        this.options = options;
        this.learner = learner;
        this.uid = uid;
        this.address = address;
        this.mediaConnection = mediaConnection;
        this.openMediaIfWanted = openMediaIfWanted;
        this.audioMayFlow = audioMayFlow;
        this.willConnect = willConnect;
        this.loop = loop;
        this.readingPaused = readingPaused;
    }

    private FoscWaitingCalls newWaiters(String call) {
        if (budget == null) {
            budget = new FoscWaitingCalls.Budget(options.maxWaitingCalls());
        }
        return new FoscWaitingCalls(loop, budget, options.waitTimeout(), address, call);
    }

    private FoscWaitingCalls videoWaiters() {
        if (videoWaiters == null) {
            videoWaiters = newWaiters("videoOn");
        }
        return videoWaiters;
    }

    private FoscWaitingCalls audioWaiters() {
        if (audioWaiters == null) {
            audioWaiters = newWaiters("audioOn");
        }
        return audioWaiters;
    }

    private FoscWaitingCalls audioOffWaiters() {
        if (audioOffWaiters == null) {
            audioOffWaiters = newWaiters("audioOff");
        }
        return audioOffWaiters;
    }

    /** The calls that waited, taken out (none if nobody ever waited). */
    private static List<CompletableFuture<Void>> drain(FoscWaitingCalls waiters) {
        return waiters == null ? List.of() : waiters.drain();
    }

    private static void failAll(FoscWaitingCalls waiters, Throwable cause) {
        if (waiters != null) {
            waiters.failAll(cause);
        }
    }

    private FoscMediaRetry videoRetry() {
        if (videoRetry == null) {
            videoRetry = new FoscMediaRetry(loop, address, "VIDEO_ON", "video", true, options.mediaRetryDelay(),
                    options.mediaRetries(), options.mediaStartTimeout(), readingPaused, () -> {
                        if (lastVideoByte >= 0 && learner.videoSilent(lastVideoByte)) {
                            LOG.debug("{}: VIDEO_ON with stream byte {} accepted but no video: trying stream byte"
                                    + " 1; learned: {}", address, lastVideoByte, learner.current());
                        }
                    });
        }
        return videoRetry;
    }

    private FoscMediaRetry audioRetry() {
        if (audioRetry == null) {
            audioRetry = new FoscMediaRetry(loop, address, "AUDIO_ON", "audio", false, options.mediaRetryDelay(),
                    options.mediaRetries(), options.mediaStartTimeout(), readingPaused, () -> { });
        }
        return audioRetry;
    }

    private static void reset(FoscMediaRetry retry) {
        if (retry != null) {
            retry.reset();
        }
    }

    /** Whether the application wants any media (so a media connection is worth opening). */
    boolean wantsMedia() {
        return wantedVideo != null || wantedAudio;
    }

    /** Whether the application wants video now (videoOn and no videoOff since). */
    boolean wantsVideo() {
        return wantedVideo != null;
    }

    /** The stream media frames are taken to belong to: the one last asked for, else the main stream. */
    FoscStream deliveryStream() {
        return lastVideo != null ? lastVideo : FoscStream.MAIN;
    }

    /** {@link FoscSession#videoOn}, on the loop, the session open. */
    void videoOn(FoscStream stream, CompletableFuture<Void> result) {
        if (wantedVideo != stream) {
            videoInFlight = null;
            reset(videoRetry);
        }
        wantedVideo = stream;
        lastVideo = stream;
        FoscConnectionHandler conn = mediaConnection.get();
        if (conn != null) {
            forward(sendVideoOn(conn), result);
        } else if (!willConnect.getAsBoolean()) {
            result.completeExceptionally(disconnected("videoOn"));
        } else {
            videoWaiters().add(result);
            openMediaIfWanted.run();
        }
    }

    /**
     * {@link FoscSession#videoOff}, on the loop, the session open. The protocol has no VIDEO_OFF (docs/protocol.md §2):
     * nothing is sent; the wish is dropped so that no later (re)login asks for video, and the videoOn calls still
     * waiting for a connection fail as superseded.
     */
    void videoOff(CompletableFuture<Void> result) {
        wantedVideo = null;
        videoInFlight = null;
        reset(videoRetry);
        failAll(videoWaiters, new FoscException("videoOn for " + address + " superseded by videoOff"));
        result.complete(null);
    }

    /** {@link FoscSession#audioOn}, on the loop, the session open. */
    void audioOn(CompletableFuture<Void> result) {
        wantedAudio = true;
        failAll(audioOffWaiters, new FoscException("audioOff for " + address + " superseded by audioOn"));
        FoscConnectionHandler conn = mediaConnection.get();
        if (conn != null) {
            forward(sendAudioOn(conn), result);
        } else if (!willConnect.getAsBoolean()) {
            result.completeExceptionally(disconnected("audioOn"));
        } else {
            audioWaiters().add(result);
            openMediaIfWanted.run();
        }
    }

    /** {@link FoscSession#audioOff}, on the loop, the session open. */
    void audioOff(CompletableFuture<Void> result) {
        wantedAudio = false;
        audioInFlight = null;
        reset(audioRetry);
        failAll(audioWaiters, new FoscException("audioOn for " + address + " superseded by audioOff"));
        FoscConnectionHandler conn = mediaConnection.get();
        if (conn != null) {
            forward(conn.send(new FoscAudioOff(streamByte(), options.credentials())), result);
        } else if (audioMayFlow.getAsBoolean()) {
            // logging in (again) or the media connection not ready: the camera may still be sending audio
            // on a connection that stays; AUDIO_OFF goes out as soon as media requests can
            audioOffWaiters().add(result);
        } else {
            result.complete(null); // no connection: a new one starts without audio
        }
    }

    private FoscNotConnectedException disconnected(String what) {
        return new FoscNotConnectedException("session to " + address + " is disconnected and does not reconnect by"
                + " itself: " + what + " fails at once (its wish is kept and applied after the next connect())");
    }

    /** The connections are gone: the requests on them will never be answered. */
    void forgetInFlight() {
        videoInFlight = null;
        audioInFlight = null;
        reset(videoRetry);
        reset(audioRetry);
    }

    /** A video frame arrived: VIDEO_ON worked. */
    void videoArrived() {
        if (videoRetry != null) {
            videoRetry.arrived();
        }
    }

    /** An audio frame arrived: AUDIO_ON worked. */
    void audioArrived() {
        if (audioRetry != null) {
            audioRetry.arrived();
        }
    }

    /** The audioOff calls that waited for a connection without one: audio is off anyway. */
    void audioOffDone() {
        drain(audioOffWaiters).forEach(f -> f.complete(null));
    }

    /** The session gave up reconnecting: the videoOn/audioOn calls waiting fail with {@code cause}. */
    void failWaiters(Throwable cause) {
        failAll(videoWaiters, cause);
        failAll(audioWaiters, cause);
    }

    /** The session ended: every call waiting fails with {@code cause}. */
    void failAllWaiters(Throwable cause) {
        failAll(videoWaiters, cause);
        failAll(audioWaiters, cause);
        failAll(audioOffWaiters, cause);
    }

    /** {@code conn} can take media requests now: sends what the application wants, completes who waited. */
    void restore(FoscConnectionHandler conn) {
        if (audioOffWaiters != null && !audioOffWaiters.isEmpty() && !wantedAudio) {
            List<CompletableFuture<Void>> copy = audioOffWaiters.drain();
            CompletableFuture<Void> sent = conn.send(new FoscAudioOff(streamByte(), options.credentials()));
            copy.forEach(w -> forward(sent, w));
        }
        if (wantedVideo != null) {
            CompletableFuture<Void> sent = sendVideoOn(conn);
            transfer(videoWaiters, sent, "video");
        }
        if (wantedAudio) {
            CompletableFuture<Void> sent = sendAudioOn(conn);
            transfer(audioWaiters, sent, "audio");
        }
    }

    private void transfer(FoscWaitingCalls waiters, CompletableFuture<Void> sent, String what) {
        List<CompletableFuture<Void>> copy = drain(waiters);
        sent.whenComplete((v, e) -> {
            if (e != null) {
                LOG.debug("{}: turning {} on failed: {}", address, what, e.getMessage());
            }
            for (CompletableFuture<Void> w : copy) {
                complete(w, e);
            }
        });
    }

    private int streamByte() {
        return learner.streamByteFor(deliveryStream());
    }

    private CompletableFuture<Void> sendVideoOn(FoscConnectionHandler conn) {
        if (videoInFlight != null) {
            return videoInFlight;
        }
        CompletableFuture<Void> f = probedRequest(conn, b -> new FoscVideoOn(b, options.credentials(), uid),
                FoscCommand.VIDEO_ON_REPLY, "VIDEO_ON", true);
        videoInFlight = f;
        f.whenComplete((v, e) -> {
            if (videoInFlight == f) {
                videoInFlight = null;
            }
            if (wantedVideo != null && mediaConnection.get() == conn) {
                videoRetry().answered(e, () -> {
                    if (wantedVideo != null && mediaConnection.get() == conn) {
                        sendVideoOn(conn);
                    }
                }, conn::close);
            }
        });
        return f;
    }

    private CompletableFuture<Void> sendAudioOn(FoscConnectionHandler conn) {
        if (audioInFlight != null) {
            return audioInFlight;
        }
        CompletableFuture<Void> f = probedRequest(conn, b -> new FoscAudioOn(b, options.credentials()),
                FoscCommand.AUDIO_ON_REPLY, "AUDIO_ON", false);
        audioInFlight = f;
        f.whenComplete((v, e) -> {
            if (audioInFlight == f) {
                audioInFlight = null;
            }
            if (wantedAudio && mediaConnection.get() == conn) {
                audioRetry().answered(e, () -> {
                    if (wantedAudio && mediaConnection.get() == conn) {
                        sendAudioOn(conn);
                    }
                }, conn::close);
            }
        });
        return f;
    }

    /**
     * Sends {@code request} with the stream byte for the wanted stream; if the camera refuses it with status 1 and
     * the learner still probes the byte, sends it once more with the other byte. The learner is told what was
     * accepted. At most two requests, never more.
     *
     * @param what the command's name, for messages
     * @param video whether this is VIDEO_ON (only VIDEO_ON accepted at the first try can settle the byte)
     */
    private CompletableFuture<Void> probedRequest(FoscConnectionHandler conn, IntFunction<FoscMessage> request,
                                                  FoscCommand reply, String what, boolean video) {
        FoscStream stream = deliveryStream();
        int first = learner.streamByteFor(stream);
        CompletableFuture<Void> result = new CompletableFuture<>();
        statusRequest(conn, request.apply(first), reply).whenComplete((status, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            if (status == 0) {
                if (video) {
                    lastVideoByte = first;
                }
                learner.streamByteAccepted(stream, first, video, false);
                result.complete(null);
                return;
            }
            int second = status == STATUS_REFUSED ? learner.alternativeStreamByte(first) : -1;
            if (second < 0) {
                result.completeExceptionally(new FoscRequestRefusedException("camera " + address + " refused " + what
                        + " (stream byte " + first + ") with status " + status, status));
                return;
            }
            LOG.debug("{}: camera refused {} with stream byte {} (status 1); trying stream byte {} once", address,
                    what, first, second);
            statusRequest(conn, request.apply(second), reply).whenComplete((status2, error2) -> {
                if (error2 != null) {
                    result.completeExceptionally(error2);
                } else if (status2 == 0) {
                    if (video) {
                        lastVideoByte = second;
                    }
                    learner.streamByteAccepted(stream, second, video, true);
                    LOG.debug("{}: camera accepted {} with stream byte {}; learned: {}", address, what, second,
                            learner.current());
                    result.complete(null);
                } else {
                    result.completeExceptionally(new FoscRequestRefusedException("camera " + address + " refused "
                            + what + " with stream byte " + first + " (status 1) and again with stream byte " + second
                            + " (status " + status2 + "): neither stream byte works, so the cause is not the stream"
                            + " byte quirk (check the user's rights and the camera's stream settings)", status2));
                }
            });
        });
        return result;
    }

    /** Sends {@code request}; the future completes with the reply's status (0 = ok). */
    private static CompletableFuture<Integer> statusRequest(FoscConnectionHandler conn, FoscMessage request,
                                                            FoscCommand reply) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        conn.request(request, reply).whenComplete((message, error) -> {
            if (error != null) {
                status.completeExceptionally(error); // as it is: no CompletionException around it
            } else {
                status.complete(((FoscStatusReply) message).status());
            }
        });
        return status;
    }
}

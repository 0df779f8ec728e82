package dev.fosc.bridge;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RTSP client connection (RFC 2326 over TCP): OPTIONS, DESCRIBE, SETUP (interleaved transport only; UDP is
 * refused with 461), PLAY, TEARDOWN and GET_PARAMETER/SET_PARAMETER keepalives. One RTSP session per connection.
 *
 * <p>RTP leaves through {@link #rtpOut} (the context in front of the RTSP encoder), written by the camera's
 * session event loop once PLAY made this connection a {@link Viewer}.
 *
 * <p><b>Threading:</b> one per connection, on its event loop.
 */
final class RtspConnection extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RtspConnection.class);
    private static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER, SET_PARAMETER";
    private static final Pattern INTERLEAVED = Pattern.compile("interleaved=(\\d+)(?:-(\\d+))?");
    private static final Pattern TRACK = Pattern.compile("/trackID=(\\d+)/?$");
    private static final int SESSION_TIMEOUT_SECONDS = 60;
    private static final String BACKCHANNEL_FEATURE = "www.onvif.org/ver20/backchannel";
    /** The answer to a second talker: the camera speaker has one. */
    static final HttpResponseStatus BACKCHANNEL_IN_USE =
            new HttpResponseStatus(503, "Backchannel In Use By Another Client");

    private final Map<String, BridgeCamera> cameras;
    private final Duration describeTimeout;
    private final ChannelHandlerContext rtpOut;
    private final RtspAuth auth;
    private boolean authenticated;

    private BridgeCamera camera;
    private String sessionId;
    private int videoChannel = -1;
    private int audioChannel = -1;
    private int backchannelChannel = -1;
    private Viewer viewer;

    /**
     * @param auth the credentials every request but OPTIONS must carry until one was right; {@code null}: none
     */
    RtspConnection(Map<String, BridgeCamera> cameras, Duration describeTimeout, ChannelHandlerContext rtpOut,
                   RtspAuth auth) {
        this.cameras = cameras;
        this.describeTimeout = describeTimeout;
        this.rtpOut = rtpOut;
        this.auth = auth;
        this.authenticated = auth == null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof FullHttpRequest request) {
                if (request.decoderResult().isFailure()) {
                    respond(ctx, request, RtspResponseStatuses.BAD_REQUEST);
                    ctx.close();
                    return;
                }
                handle(ctx, request);
            }
            if (msg instanceof InterleavedPacket packet && packet.channel() == backchannelChannel && viewer != null) {
                camera.backchannel().onRtp(this, packet.content());
            }
            // other interleaved packets: RTCP receiver reports, read and ignored for now
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpMethod method = request.method();
        if (!authenticated && !RtspMethods.OPTIONS.equals(method) && !authenticate(ctx, request)) {
            return;
        }
        if (RtspMethods.OPTIONS.equals(method)) {
            FullHttpResponse response = response(request, RtspResponseStatuses.OK);
            response.headers().set(RtspHeaderNames.PUBLIC, PUBLIC);
            ctx.writeAndFlush(response);
        } else if (RtspMethods.DESCRIBE.equals(method)) {
            describe(ctx, request);
        } else if (RtspMethods.SETUP.equals(method)) {
            setup(ctx, request);
        } else if (RtspMethods.PLAY.equals(method)) {
            play(ctx, request);
        } else if (RtspMethods.TEARDOWN.equals(method)) {
            stopViewing();
            respond(ctx, request, RtspResponseStatuses.OK);
            sessionId = null;
            videoChannel = -1;
            audioChannel = -1;
            backchannelChannel = -1;
        } else if (RtspMethods.GET_PARAMETER.equals(method) || RtspMethods.SET_PARAMETER.equals(method)) {
            respond(ctx, request, RtspResponseStatuses.OK);
        } else {
            respond(ctx, request, RtspResponseStatuses.METHOD_NOT_ALLOWED);
        }
    }

    /**
     * Checks the request's credentials; answers 401 with the challenges (Digest, then Basic) when they are missing,
     * wrong or on a stale nonce. The connection stays authenticated once they were right.
     */
    private boolean authenticate(ChannelHandlerContext ctx, FullHttpRequest request) {
        RtspAuth.Result result = auth.check(request.method().name(),
                request.headers().get(RtspHeaderNames.AUTHORIZATION));
        if (result == RtspAuth.Result.OK) {
            authenticated = true;
            return true;
        }
        if (result == RtspAuth.Result.WRONG) {
            log.info("RTSP client {} was refused: its credentials for {} are not the bridge's (wrong user name or "
                    + "password, or a nonce this bridge did not issue)", ctx.channel().remoteAddress(),
                    loggable(request.uri()));
        } else {
            log.debug("RTSP client {}: {} {} asked for credentials ({})", ctx.channel().remoteAddress(),
                    request.method(), loggable(request.uri()), result);
        }
        FullHttpResponse response = response(request, RtspResponseStatuses.UNAUTHORIZED);
        for (String challenge : auth.challenges(result == RtspAuth.Result.STALE)) {
            response.headers().add(RtspHeaderNames.WWW_AUTHENTICATE, challenge);
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        return false;
    }

    private void describe(ChannelHandlerContext ctx, FullHttpRequest request) {
        String name = cameraName(request.uri());
        BridgeCamera target = name == null ? null : cameras.get(name);
        if (target == null) {
            respond(ctx, request, RtspResponseStatuses.NOT_FOUND);
            return;
        }
        String cseq = request.headers().get(RtspHeaderNames.CSEQ);
        boolean backchannel = asksForBackchannel(request);
        String base = baseUri(ctx, name);
        String host = ((InetSocketAddress) ctx.channel().localAddress()).getAddress().getHostAddress();
        target.parameters().orTimeout(describeTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((media, error) -> ctx.executor().execute(() -> {
                    if (!ctx.channel().isActive()) {
                        return;
                    }
                    if (error != null) {
                        log.info("DESCRIBE {}: the camera sent no key frame within {} ms, answering 503", name,
                                describeTimeout.toMillis());
                        ctx.writeAndFlush(response(cseq, RtspResponseStatuses.SERVICE_UNAVAILABLE));
                        return;
                    }
                    byte[] sdp = media.describe(name, host, backchannel, target.audioCodec())
                            .getBytes(StandardCharsets.US_ASCII);
                    FullHttpResponse response = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0,
                            RtspResponseStatuses.OK, Unpooled.wrappedBuffer(sdp));
                    headers(response.headers(), cseq);
                    response.headers().set(RtspHeaderNames.CONTENT_TYPE, "application/sdp");
                    response.headers().set(RtspHeaderNames.CONTENT_BASE, base);
                    response.headers().setInt(RtspHeaderNames.CONTENT_LENGTH, sdp.length);
                    ctx.writeAndFlush(response);
                }));
    }

    private void setup(ChannelHandlerContext ctx, FullHttpRequest request) {
        String name = cameraName(request.uri());
        BridgeCamera target = name == null ? null : cameras.get(name);
        if (target == null) {
            respond(ctx, request, RtspResponseStatuses.NOT_FOUND);
            return;
        }
        if (camera != null && camera != target) {
            respond(ctx, request, RtspResponseStatuses.AGGREGATE_OPERATION_NOT_ALLOWED);
            return;
        }
        if (viewer != null) {
            respond(ctx, request, RtspResponseStatuses.METHOD_NOT_VALID); // no SETUP while playing
            return;
        }
        Matcher track = TRACK.matcher(request.uri());
        int trackId = track.find() ? Integer.parseInt(track.group(1)) : 0;
        if (trackId > SdpMedia.BACKCHANNEL_TRACK) {
            respond(ctx, request, RtspResponseStatuses.NOT_FOUND);
            return;
        }
        String transport = request.headers().get(RtspHeaderNames.TRANSPORT, "");
        if (!transport.toUpperCase(Locale.ROOT).contains("RTP/AVP/TCP")) {
            respond(ctx, request, RtspResponseStatuses.UNSUPPORTED_TRANSPORT); // interleaved TCP only
            return;
        }
        Matcher m = INTERLEAVED.matcher(transport);
        int channel = m.find() ? Integer.parseInt(m.group(1)) : 2 * trackId;
        if (channel > 254) {
            respond(ctx, request, RtspResponseStatuses.BAD_REQUEST);
            return;
        }
        if (trackId == SdpMedia.BACKCHANNEL_TRACK && !target.backchannel().claim(this)) {
            log.info("SETUP {}: refused, another client talks to this camera", loggable(request.uri()));
            respond(ctx, request, BACKCHANNEL_IN_USE);
            return;
        }
        camera = target;
        if (trackId == 0) {
            videoChannel = channel;
        } else if (trackId == 1) {
            audioChannel = channel;
        } else {
            backchannelChannel = channel;
        }
        if (sessionId == null) {
            sessionId = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        }
        FullHttpResponse response = response(request, RtspResponseStatuses.OK);
        response.headers().set(RtspHeaderNames.TRANSPORT,
                "RTP/AVP/TCP;unicast;interleaved=" + channel + "-" + (channel + 1));
        ctx.writeAndFlush(response);
    }

    private void play(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (camera == null || sessionId == null) {
            respond(ctx, request, RtspResponseStatuses.METHOD_NOT_VALID); // PLAY before SETUP
            return;
        }
        String session = request.headers().get(RtspHeaderNames.SESSION);
        if (session != null && !session.split(";")[0].trim().equals(sessionId)) {
            respond(ctx, request, RtspResponseStatuses.SESSION_NOT_FOUND);
            return;
        }
        FullHttpResponse response = response(request, RtspResponseStatuses.OK);
        response.headers().set(RtspHeaderNames.RANGE, "npt=0.000-");
        ctx.writeAndFlush(response); // written before any RTP: the viewer is added below, on this loop
        if (viewer == null) {
            viewer = new Viewer(rtpOut,
                    videoChannel >= 0 ? new RtpTrack(videoChannel, SdpMedia.VIDEO_PT, 90_000) : null,
                    audioChannel >= 0 ? new RtpTrack(audioChannel, SdpMedia.audioPayloadType(camera.audioCodec()),
                            8_000) : null,
                    camera.audioCodec() == BridgeAudioCodec.L16 ? 2 : 1);
            camera.add(viewer);
        }
    }

    private void stopViewing() {
        if (viewer != null) {
            camera.remove(viewer);
            viewer = null;
        }
        if (camera != null && backchannelChannel >= 0) {
            camera.backchannel().release(this);
        }
    }

    private static boolean asksForBackchannel(FullHttpRequest request) {
        for (String require : request.headers().getAll(RtspHeaderNames.REQUIRE)) {
            if (require.toLowerCase(Locale.ROOT).contains(BACKCHANNEL_FEATURE)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopViewing();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("RTSP connection from {} lost: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
            return;
        }
        log.info("RTSP connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status) {
        FullHttpResponse response = response(request, status);
        if (status.code() >= 400) {
            log.debug("{} {}: {}", request.method(), loggable(request.uri()), status);
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    private FullHttpResponse response(FullHttpRequest request, HttpResponseStatus status) {
        return response(request.headers().get(RtspHeaderNames.CSEQ), status);
    }

    private FullHttpResponse response(String cseq, HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status, Unpooled.EMPTY_BUFFER);
        headers(response.headers(), cseq);
        response.headers().setInt(RtspHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }

    private void headers(HttpHeaders headers, String cseq) {
        if (cseq != null) {
            headers.set(RtspHeaderNames.CSEQ, cseq);
        }
        if (sessionId != null) {
            headers.set(RtspHeaderNames.SESSION, sessionId + ";timeout=" + SESSION_TIMEOUT_SECONDS);
        }
        headers.set("Server", "fosc-bridge");
    }

    private static String baseUri(ChannelHandlerContext ctx, String name) {
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        String host = local.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "rtsp://" + host + ":" + local.getPort() + "/" + name + "/";
    }

    /**
     * A request URL fit for a log: a client may put {@code user:password@} into it (RFC 2326 allows it), which
     * becomes {@code ***@}.
     */
    static String loggable(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return uri;
        }
        int hostStart = scheme + 3;
        int pathStart = uri.indexOf('/', hostStart);
        int at = uri.lastIndexOf('@', pathStart < 0 ? uri.length() - 1 : pathStart);
        return at < hostStart ? uri : uri.substring(0, hostStart) + "***" + uri.substring(at);
    }

    /** The first path segment of an RTSP URL ({@code rtsp://host:port/NAME/trackID=0}), or {@code null}. */
    static String cameraName(String uri) {
        String path;
        try {
            path = URI.create(uri).getRawPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (path == null) {
            return null;
        }
        String[] segments = path.split("/");
        for (String s : segments) {
            if (!s.isEmpty()) {
                return s;
            }
        }
        return null;
    }
}

package dev.fosc.bridge;

import dev.fosc.client.FoscSessionState;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The bridge's small HTTP port: {@code GET /healthz} answers a JSON object with every camera's session state, viewers
 * and dropped frames, with status 200 when every camera is connected and 503 otherwise (so a container health check
 * or a load balancer sees a bridge whose cameras are down); {@code GET /metrics} answers the meters in the
 * Prometheus text format ({@link BridgeMetrics}; 404 when the meters went to an application's registry that is not a
 * Prometheus one). Any other path is 404. Shareable; the stats are read when asked
 * ({@link BridgeServer#stats()}, thread-safe); the scrape runs off the event loop (on {@code scrapeExecutor}) and
 * its response is written from there, so a large scrape never holds camera traffic up.
 */
@ChannelHandler.Sharable
final class HealthHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final Supplier<List<BridgeCameraStats>> stats;
    private final BridgeMetrics metrics;
    private final Executor scrapeExecutor;

    HealthHandler(Supplier<List<BridgeCameraStats>> stats, BridgeMetrics metrics, Executor scrapeExecutor) {
        this.stats = stats;
        this.metrics = metrics;
        this.scrapeExecutor = scrapeExecutor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri().split("\\?")[0];
        FullHttpResponse response;
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET\n", "text/plain");
        } else if ("/healthz".equals(path)) {
            List<BridgeCameraStats> cameras = stats.get();
            boolean healthy = cameras.stream().allMatch(c -> c.state() == FoscSessionState.CONNECTED);
            StringBuilder json = new StringBuilder("{\"status\":\"").append(healthy ? "ok" : "degraded")
                    .append("\",\"cameras\":[");
            for (int i = 0; i < cameras.size(); i++) {
                BridgeCameraStats c = cameras.get(i);
                json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(c.name()).append("\",\"state\":\"")
                        .append(c.state()).append("\",\"viewers\":").append(c.viewers())
                        .append(",\"droppedFrames\":").append(c.droppedFrames()).append('}');
            }
            json.append("]}\n");
            response = text(healthy ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    json.toString(), "application/json");
        } else if ("/metrics".equals(path)) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            CompletableFuture.supplyAsync(metrics::scrape, scrapeExecutor).whenComplete((body, e) -> {
                FullHttpResponse r = e != null
                        ? text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "scrape failed: " + e + "\n", "text/plain")
                        : body == null ? text(HttpResponseStatus.NOT_FOUND, "the meters are in the application's own "
                                + "MeterRegistry, which is not a Prometheus one\n", "text/plain")
                        : text(HttpResponseStatus.OK, body, BridgeMetrics.CONTENT_TYPE);
                respond(ctx, r, keepAlive);
            });
            return;
        } else {
            response = text(HttpResponseStatus.NOT_FOUND, "not found: try /healthz or /metrics\n", "text/plain");
        }
        respond(ctx, response, HttpUtil.isKeepAlive(request));
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response).addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE
                : ChannelFutureListener.CLOSE);
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body, String type) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type.contains("charset") ? type
                : type + "; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }
}

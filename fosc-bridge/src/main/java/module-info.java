/**
 * The RTSP/MQTT bridge (package {@link dev.fosc.bridge}): every camera of a {@code FoscClient} as an RTSP stream
 * with an ONVIF audio backchannel, its events on MQTT. Reads {@code dev.fosc.client} transitively (the bridge is
 * built from a client and session options), Netty's HTTP codec (RTSP) and MQTT codec, and for {@code /metrics}
 * {@code dev.fosc.micrometer} (transitively: its {@code FoscMeterOptions} and Micrometer's {@code MeterRegistry} are in
 * this API, {@code BridgeServer.Builder#meterRegistry}) and Micrometer's Prometheus registry (Micrometer 1.x has no
 * module descriptor: its jar names the automatic module {@code micrometer.registry.prometheus}; none of its types is
 * in this API).
 */
@SuppressWarnings("requires-automatic")
module dev.fosc.bridge {
    requires transitive dev.fosc.client;
    requires transitive dev.fosc.micrometer;
    requires micrometer.registry.prometheus;
    requires io.netty.codec.http;
    requires io.netty.codec.mqtt;
    requires io.netty.handler;
    requires org.slf4j;

    exports dev.fosc.bridge;
}

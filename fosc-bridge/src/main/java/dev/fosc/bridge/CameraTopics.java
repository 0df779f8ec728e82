package dev.fosc.bridge;

import dev.fosc.client.FoscEvent;
import dev.fosc.client.FoscMotionEvent;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * One camera's MQTT topics: {@code PREFIX/NAME/status} ({@code online}/{@code offline}, retained),
 * {@code PREFIX/NAME/motion} ({@code ON}, then {@code OFF} after the quiet time, retained), other events as JSON on
 * {@code PREFIX/NAME/event}, and the Home Assistant discovery config of its motion sensor
 * ({@code homeassistant/binary_sensor/fosc_NAME_motion/config}, retained), whose availability follows both the
 * camera's and the bridge's status.
 *
 * <p><b>Threading:</b> called on the camera session's event loop only (the motion timer runs there too).
 */
final class CameraTopics {

    private final MqttLink link;
    private final MqttSettings settings;
    private final String name;
    private final EventLoop loop;
    private final String base;
    private ScheduledFuture<?> motionOff;
    private Boolean online;

    CameraTopics(MqttLink link, MqttSettings settings, String name, EventLoop loop) {
        this.link = link;
        this.settings = settings;
        this.name = name;
        this.loop = loop;
        this.base = settings.prefix() + "/" + name;
    }

    /** Publishes the discovery config, the camera offline until its session connects, and motion OFF. */
    void announce() {
        String id = "fosc_" + name.replace('.', '_').replace('-', '_');
        String config = "{\"name\":\"Motion\",\"unique_id\":\"" + id + "_motion\",\"object_id\":\"" + id
                + "_motion\",\"device_class\":\"motion\",\"state_topic\":\"" + base + "/motion\","
                + "\"payload_on\":\"ON\",\"payload_off\":\"OFF\",\"availability_mode\":\"all\",\"availability\":["
                + "{\"topic\":\"" + base + "/status\"},{\"topic\":\"" + settings.prefix() + "/bridge/status\"}],"
                + "\"payload_available\":\"online\",\"payload_not_available\":\"offline\",\"device\":{"
                + "\"identifiers\":[\"" + id + "\"],\"name\":\"" + name + "\",\"manufacturer\":\"Foscam\","
                + "\"via_device\":\"fosc_bridge\"}}";
        link.publishRetained("homeassistant/binary_sensor/" + id + "_motion/config", config);
        status(false);
        link.publishRetained(base + "/motion", "OFF");
    }

    /** The camera's session is (or is no longer) connected. */
    void status(boolean isOnline) {
        if (online == null || online != isOnline) {
            online = isOnline;
            link.publishRetained(base + "/status", isOnline ? "online" : "offline");
        }
    }

    void event(FoscEvent event) {
        if (event instanceof FoscMotionEvent) {
            if (motionOff == null) {
                link.publishRetained(base + "/motion", "ON");
            } else {
                motionOff.cancel(false);
            }
            motionOff = loop.schedule(this::motionEnded, settings.motionOffAfter().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        link.publishEvent(base + "/event", "{\"type\":\"" + event.type() + "\",\"time\":\"" + event.time()
                + "\",\"camera\":\"" + name + "\"}");
    }

    private void motionEnded() {
        motionOff = null;
        link.publishRetained(base + "/motion", "OFF");
    }
}

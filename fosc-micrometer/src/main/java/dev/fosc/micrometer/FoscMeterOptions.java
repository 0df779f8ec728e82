package dev.fosc.micrometer;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link FoscMicrometer} registers its meters. Immutable and thread-safe; built with {@link #builder()}.
 *
 * <ul>
 *   <li>{@link #perCamera()}: counters per camera, tagged {@code camera=host:port} (default), or only the client's
 *       totals, without that tag: for fleets of thousands of cameras, where a few dozen series per camera would
 *       swamp the metrics backend.</li>
 *   <li>{@link #endedCameraRetention()}: how long a camera's counters stay registered after its last session
 *       ended, so that a scrape still sees why it ended (a refused login, say) before they go.</li>
 *   <li>{@link #tags()}: tags added to every meter, to tell apart two clients in one registry, for instance.</li>
 *   <li>{@link #snapshotMaxAge()}: how long one snapshot of the counters serves the meters that read it. A scrape
 *       reads a few dozen meters in a row; they share one snapshot rather than summing the sessions once each.</li>
 * </ul>
 */
public final class FoscMeterOptions {

    /** Counters per camera by default. */
    public static final boolean DEFAULT_PER_CAMERA = true;
    /** One snapshot serves the meters for up to a second by default. */
    public static final Duration DEFAULT_SNAPSHOT_MAX_AGE = Duration.ofSeconds(1);
    /** A camera's counters stay two minutes after its last session ended by default: a few scrapes. */
    public static final Duration DEFAULT_ENDED_CAMERA_RETENTION = Duration.ofMinutes(2);
    /** The defaults: per camera, no extra tags, snapshots of up to {@link #DEFAULT_SNAPSHOT_MAX_AGE}. */
    public static final FoscMeterOptions DEFAULT = builder().build();

    private final boolean perCamera;
    private final Tags tags;
    private final Duration snapshotMaxAge;
    private final Duration endedCameraRetention;

    private FoscMeterOptions(Builder b) {
        this.endedCameraRetention = b.endedCameraRetention;
        this.perCamera = b.perCamera;
        this.tags = b.tags;
        this.snapshotMaxAge = b.snapshotMaxAge;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return whether counters are registered per camera (tag {@code camera}) rather than as the client's
     * totals}
     */
    public boolean perCamera() {
        return perCamera;
    }

    /** {@return the tags added to every meter} */
    public Tags tags() {
        return tags;
    }

    /**
     * {@return how long one snapshot of the counters serves the meters; zero reads the counters at every meter
     * read}
     */
    public Duration snapshotMaxAge() {
        return snapshotMaxAge;
    }

    /**
     * {@return how long a camera's counters stay registered after its last session ended; zero removes them
     * at once} A new session to the camera within that time continues them.
     */
    public Duration endedCameraRetention() {
        return endedCameraRetention;
    }

    @Override
    public String toString() {
        return "FoscMeterOptions[perCamera=" + perCamera + ", tags=" + tags + ", snapshotMaxAge=" + snapshotMaxAge
                + ", endedCameraRetention=" + endedCameraRetention + "]";
    }

    /** Builds {@link FoscMeterOptions}. Not thread-safe. */
    public static final class Builder {
        private boolean perCamera = DEFAULT_PER_CAMERA;
        private Tags tags = Tags.empty();
        private Duration snapshotMaxAge = DEFAULT_SNAPSHOT_MAX_AGE;
        private Duration endedCameraRetention = DEFAULT_ENDED_CAMERA_RETENTION;

        private Builder() {
        }

        /**
         * Counters per camera (tag {@code camera}), or only the client's totals. Default {@code true}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder perCamera(boolean value) {
            this.perCamera = value;
            return this;
        }

        /**
         * Tags added to every meter (replacing those set before). Default none.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder tags(Iterable<Tag> value) {
            this.tags = Tags.of(Objects.requireNonNull(value, "tags"));
            return this;
        }

        /**
         * How long one snapshot serves the meters; zero or more. Default {@link #DEFAULT_SNAPSHOT_MAX_AGE}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder snapshotMaxAge(Duration value) {
            Objects.requireNonNull(value, "snapshotMaxAge");
            if (value.isNegative()) {
                throw new IllegalArgumentException("snapshotMaxAge must not be negative: " + value);
            }
            this.snapshotMaxAge = value;
            return this;
        }

        /**
         * How long a camera's counters stay after its last session ended; zero or more. Default
         * {@link #DEFAULT_ENDED_CAMERA_RETENTION}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder endedCameraRetention(Duration value) {
            Objects.requireNonNull(value, "endedCameraRetention");
            if (value.isNegative()) {
                throw new IllegalArgumentException("endedCameraRetention must not be negative: " + value);
            }
            this.endedCameraRetention = value;
            return this;
        }

        /** {@return the options} */
        public FoscMeterOptions build() {
            return new FoscMeterOptions(this);
        }
    }
}

/**
 * Micrometer meters for a {@code FoscClient} (package {@link dev.fosc.micrometer}). Micrometer 1.x ships no module
 * descriptor; its jar names the automatic module {@code micrometer.core}, read transitively because its
 * {@code MeterBinder} and {@code MeterRegistry} are part of this API.
 */
@SuppressWarnings({"requires-transitive-automatic", "requires-automatic"})
module dev.fosc.micrometer {
    requires transitive dev.fosc.client;
    requires transitive micrometer.core;

    exports dev.fosc.micrometer;
}

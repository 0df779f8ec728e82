/** A fosc consumer on the module path: reads only what fosc exports. */
module dev.fosc.consumer {
    requires dev.fosc.client;
    requires dev.fosc.testkit;

    exports dev.fosc.consumer;
}

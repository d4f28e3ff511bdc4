/** Sluice core: buffers, concurrency, channels and pipelines. */
module io.sluice.core {
    requires org.slf4j;
    requires org.jctools.core;
    // JCTools' queues use sun.misc.Unsafe but declare jdk.unsupported 'requires static': without this,
    // an application launched from the module path (java -m) fails with NoClassDefFoundError.
    requires jdk.unsupported;
    exports io.sluice.buffer;
    exports io.sluice.concurrent;
    exports io.sluice.channel;
    exports io.sluice.channel.embedded;
    exports io.sluice.channel.local;
    exports io.sluice.channel.pool;
    exports io.sluice.bootstrap;
    exports io.sluice.resolver;
}

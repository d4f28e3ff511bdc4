/** Sluice core: buffers, concurrency, channels and pipelines. */
module io.sluice.core {
    // transitive: LoggingHandler takes an slf4j Logger and Level.
    requires transitive org.slf4j;
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
    exports io.sluice.handler.flow;
    exports io.sluice.handler.flush;
    exports io.sluice.handler.ipfilter;
    exports io.sluice.handler.logging;
    exports io.sluice.handler.stream;
    exports io.sluice.handler.timeout;
    exports io.sluice.handler.traffic;
    exports io.sluice.resolver;
}

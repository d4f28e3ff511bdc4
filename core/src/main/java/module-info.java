/** Sluice core: buffers, concurrency, channels and pipelines. */
module io.sluice.core {
    // transitive: LoggingHandler takes an slf4j Logger and Level.
    requires transitive org.slf4j;
    requires org.jctools.core;
    // the VarHandle queues: nothing Sluice loads from JCTools touches sun.misc.Unsafe
    requires org.jctools.core.jdk11;
    exports io.sluice.buffer;
    exports io.sluice.concurrent;
    exports io.sluice.channel;
    exports io.sluice.channel.embedded;
    exports io.sluice.channel.local;
    exports io.sluice.channel.spi;
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

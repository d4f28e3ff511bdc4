/** Sluice core: buffers, concurrency, channels and pipelines. */
module io.sluice.core {
    requires org.slf4j;
    requires org.jctools.core;
    // the VarHandle queues: nothing Sluice loads from JCTools touches sun.misc.Unsafe
    requires org.jctools.core.jdk11;
    exports io.sluice.buffer;
    exports io.sluice.concurrent;
    exports io.sluice.channel;
    exports io.sluice.channel.embedded;
    exports io.sluice.bootstrap;
}

/** A Sluice user: the NIO transport brings the core with it ({@code requires transitive}). */
module io.sluice.it.consumer {
    requires io.sluice.transport.nio;

    exports io.sluice.it.consumer;
}

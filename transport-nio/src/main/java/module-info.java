/** Sluice transport implemented on java.nio selectors: TCP server and client channels (also over Unix domain sockets) and UDP. */
module io.sluice.transport.nio {
    requires transitive io.sluice.core;
    requires org.slf4j;
    exports io.sluice.transport.nio;
}

/** Sluice transport implemented on java.nio selectors: TCP server and client channels. */
module io.sluice.transport.nio {
    requires transitive io.sluice.core;
    requires org.slf4j;
    exports io.sluice.transport.nio;
}

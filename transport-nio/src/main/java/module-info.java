/** Sluice transport implemented on java.nio selectors. */
module io.sluice.transport.nio {
    requires transitive io.sluice.core;
}

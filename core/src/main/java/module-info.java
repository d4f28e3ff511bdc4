/** Sluice core: buffers, concurrency, channels and pipelines. */
module io.sluice.core {
    requires org.slf4j;
    exports io.sluice.buffer;
}

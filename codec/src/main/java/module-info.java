/** Sluice codecs: decoder and encoder bases, framing, and text codecs. */
module io.sluice.codec {
    requires transitive io.sluice.core;

    exports io.sluice.codec;
    exports io.sluice.codec.frame;
    exports io.sluice.codec.string;
    exports io.sluice.codec.tls;
}

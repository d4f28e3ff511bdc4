/** Sluice codecs: decoder and encoder bases, framing, and text codecs. */
module io.sluice.codec {
    requires transitive io.sluice.core;
    requires org.slf4j;

    exports io.sluice.codec;
    exports io.sluice.codec.frame;
    exports io.sluice.codec.http;
    exports io.sluice.codec.http.websocket;
    exports io.sluice.codec.resp;
    exports io.sluice.codec.string;
    exports io.sluice.codec.tls;
}

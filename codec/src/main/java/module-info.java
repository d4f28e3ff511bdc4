/** Sluice codecs: encoders and decoders that plug into the channel pipeline. */
module io.sluice.codec {
    requires transitive io.sluice.core;
}

/**
 * The bases for writing codecs: {@link io.sluice.codec.ByteToMessageDecoder} turns a byte stream
 * into messages, {@link io.sluice.codec.MessageToByteEncoder} turns messages into bytes, and the
 * message-to-message bases transform messages. Framing is in {@code io.sluice.codec.frame}, text in
 * {@code io.sluice.codec.string}. The guide is {@code docs/custom-codecs.md}.
 *
 * <p>Ownership: a decoder owns the bytes it holds and releases them when the input ends, when it
 * fails or when it is removed (then it passes them on); an encoder releases each message it
 * encodes. Decoder errors name the decoder and the rule or limit broken.
 */
package io.sluice.codec;

package io.sluice.codec.resp;

/**
 * A RESP value, as {@link RespDecoder} emits it and {@link RespEncoder} writes it.
 *
 * <p>Values that hold buffers ({@link BulkString}, {@link RespAggregate}) are reference-counted:
 * whoever receives one from the pipeline releases it (or passes it on). The others are immutable
 * values without resources.
 */
public sealed interface RespMessage
        permits SimpleString, RespError, RespInteger, BulkString, RespAggregate, RespNull, RespDouble, RespBoolean,
        RespBigNumber {

    /** Returns the wire type of this value. */
    RespType type();
}

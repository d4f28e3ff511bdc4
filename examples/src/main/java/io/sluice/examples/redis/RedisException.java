package io.sluice.examples.redis;

/** A command failed: the message is the reply's text in Redis' own words, e.g. {@code ERR syntax error}. */
final class RedisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    static final String NOT_FLOAT = "ERR value is not a valid float";
    static final String SYNTAX = "ERR syntax error";
    static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

    RedisException(String reply) {
        super(reply, null, false, false); // a reply, not a fault: no stack trace
    }
}

package io.sluice.codec.http;

/** The head of a request or response: its version and header fields. */
public interface HttpMessage extends HttpObject {
    /** Returns the protocol version. */
    HttpVersion version();

    /** Returns the header fields (mutable unless they are {@link HttpHeaders#empty()}). */
    HttpHeaders headers();
}

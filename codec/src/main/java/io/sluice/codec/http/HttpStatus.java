package io.sluice.codec.http;

import java.util.Objects;

/**
 * A response status: a three-digit code and a reason phrase (RFC 9110, section 15). The common
 * statuses are constants; {@link #of(int)} returns them, or a status with a generic phrase.
 *
 * @param code the status code, 100 to 999
 * @param reasonPhrase the reason phrase; no CR, LF or NUL (the encoder refuses them)
 */
public record HttpStatus(int code, String reasonPhrase) {
    /** 100 Continue: the client may send the content it announced with {@code Expect: 100-continue}. */
    public static final HttpStatus CONTINUE = new HttpStatus(100, "Continue");
    /** 101 Switching Protocols (an upgrade, e.g. to WebSocket). */
    public static final HttpStatus SWITCHING_PROTOCOLS = new HttpStatus(101, "Switching Protocols");
    /** 200 OK. */
    public static final HttpStatus OK = new HttpStatus(200, "OK");
    /** 201 Created. */
    public static final HttpStatus CREATED = new HttpStatus(201, "Created");
    /** 202 Accepted. */
    public static final HttpStatus ACCEPTED = new HttpStatus(202, "Accepted");
    /** 204 No Content: never has content. */
    public static final HttpStatus NO_CONTENT = new HttpStatus(204, "No Content");
    /** 206 Partial Content (a {@code Range} answer). */
    public static final HttpStatus PARTIAL_CONTENT = new HttpStatus(206, "Partial Content");
    /** 301 Moved Permanently. */
    public static final HttpStatus MOVED_PERMANENTLY = new HttpStatus(301, "Moved Permanently");
    /** 302 Found. */
    public static final HttpStatus FOUND = new HttpStatus(302, "Found");
    /** 304 Not Modified: never has content. */
    public static final HttpStatus NOT_MODIFIED = new HttpStatus(304, "Not Modified");
    /** 400 Bad Request. */
    public static final HttpStatus BAD_REQUEST = new HttpStatus(400, "Bad Request");
    /** 401 Unauthorized. */
    public static final HttpStatus UNAUTHORIZED = new HttpStatus(401, "Unauthorized");
    /** 403 Forbidden. */
    public static final HttpStatus FORBIDDEN = new HttpStatus(403, "Forbidden");
    /** 404 Not Found. */
    public static final HttpStatus NOT_FOUND = new HttpStatus(404, "Not Found");
    /** 405 Method Not Allowed (with an {@code Allow} header). */
    public static final HttpStatus METHOD_NOT_ALLOWED = new HttpStatus(405, "Method Not Allowed");
    /** 408 Request Timeout. */
    public static final HttpStatus REQUEST_TIMEOUT = new HttpStatus(408, "Request Timeout");
    /** 411 Length Required. */
    public static final HttpStatus LENGTH_REQUIRED = new HttpStatus(411, "Length Required");
    /** 412 Precondition Failed. */
    public static final HttpStatus PRECONDITION_FAILED = new HttpStatus(412, "Precondition Failed");
    /** 413 Content Too Large. */
    public static final HttpStatus CONTENT_TOO_LARGE = new HttpStatus(413, "Content Too Large");
    /** 414 URI Too Long: the request line is longer than the decoder's limit. */
    public static final HttpStatus URI_TOO_LONG = new HttpStatus(414, "URI Too Long");
    /** 415 Unsupported Media Type. */
    public static final HttpStatus UNSUPPORTED_MEDIA_TYPE = new HttpStatus(415, "Unsupported Media Type");
    /** 416 Range Not Satisfiable. */
    public static final HttpStatus RANGE_NOT_SATISFIABLE = new HttpStatus(416, "Range Not Satisfiable");
    /** 417 Expectation Failed. */
    public static final HttpStatus EXPECTATION_FAILED = new HttpStatus(417, "Expectation Failed");
    /** 431 Request Header Fields Too Large. */
    public static final HttpStatus REQUEST_HEADER_FIELDS_TOO_LARGE =
            new HttpStatus(431, "Request Header Fields Too Large");
    /** 500 Internal Server Error. */
    public static final HttpStatus INTERNAL_SERVER_ERROR = new HttpStatus(500, "Internal Server Error");
    /** 501 Not Implemented (e.g. an unknown transfer coding). */
    public static final HttpStatus NOT_IMPLEMENTED = new HttpStatus(501, "Not Implemented");
    /** 503 Service Unavailable. */
    public static final HttpStatus SERVICE_UNAVAILABLE = new HttpStatus(503, "Service Unavailable");
    /** 505 HTTP Version Not Supported. */
    public static final HttpStatus HTTP_VERSION_NOT_SUPPORTED = new HttpStatus(505, "HTTP Version Not Supported");

    private static final HttpStatus[] KNOWN = {CONTINUE, SWITCHING_PROTOCOLS, OK, CREATED, ACCEPTED, NO_CONTENT,
        PARTIAL_CONTENT, MOVED_PERMANENTLY, FOUND, NOT_MODIFIED, BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND,
        METHOD_NOT_ALLOWED, REQUEST_TIMEOUT, LENGTH_REQUIRED, PRECONDITION_FAILED, CONTENT_TOO_LARGE, URI_TOO_LONG,
        UNSUPPORTED_MEDIA_TYPE, RANGE_NOT_SATISFIABLE, EXPECTATION_FAILED, REQUEST_HEADER_FIELDS_TOO_LARGE,
        INTERNAL_SERVER_ERROR, NOT_IMPLEMENTED, SERVICE_UNAVAILABLE, HTTP_VERSION_NOT_SUPPORTED};

    /**
     * Creates a status.
     *
     * @throws IllegalArgumentException if {@code code} is not three digits
     */
    public HttpStatus {
        Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status code: " + code + " (expected: 100 to 999)");
        }
    }

    /** Returns the constant for {@code code}, or a status with a phrase naming its class. */
    public static HttpStatus of(int code) {
        for (HttpStatus s : KNOWN) {
            if (s.code == code) {
                return s;
            }
        }
        String phrase = switch (code / 100) {
            case 1 -> "Informational";
            case 2 -> "Success";
            case 3 -> "Redirection";
            case 4 -> "Client Error";
            case 5 -> "Server Error";
            default -> "Unknown Status";
        };
        return new HttpStatus(code, phrase);
    }

    /** Returns whether this is a 1xx (interim) status. */
    public boolean isInformational() {
        return code < 200;
    }

    /** Returns whether a response with this status never has content: 1xx, 204 and 304. */
    public boolean forbidsContent() {
        return code < 200 || code == 204 || code == 304;
    }

    @Override
    public String toString() {
        return code + " " + reasonPhrase;
    }
}

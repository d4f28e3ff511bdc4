package io.sluice.channel;

import java.net.ConnectException;

/** A connect did not complete within {@link ChannelOption#CONNECT_TIMEOUT_MILLIS}. */
public class ConnectTimeoutException extends ConnectException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public ConnectTimeoutException(String message) {
        super(message);
    }
}

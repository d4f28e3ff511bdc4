package io.sluice.channel;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferHolder;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A UDP datagram: its bytes and the addresses it goes to or came from. Reference counting is the
 * content buffer's: releasing the packet releases its content.
 */
public final class DatagramPacket implements BufferHolder {
    private final Buffer content;
    private final InetSocketAddress recipient;
    private final InetSocketAddress sender;

    /** Creates a packet to send {@code content} to {@code recipient}; takes ownership of the buffer. */
    public DatagramPacket(Buffer content, InetSocketAddress recipient) {
        this(content, recipient, null);
    }

    /** Creates a packet with both addresses (received packets carry the sender). */
    public DatagramPacket(Buffer content, InetSocketAddress recipient, InetSocketAddress sender) {
        this.content = Objects.requireNonNull(content, "content");
        this.recipient = recipient;
        this.sender = sender;
    }

    /** Returns the bytes. */
    public Buffer content() {
        return content;
    }

    /** Returns where the packet goes (or, when received, the local address), or {@code null}. */
    public InetSocketAddress recipient() {
        return recipient;
    }

    /** Returns where the packet came from, or {@code null} for an outgoing packet. */
    public InetSocketAddress sender() {
        return sender;
    }

    @Override
    public String toString() {
        return "DatagramPacket(" + sender + " => " + recipient + ", " + content + ")";
    }
}

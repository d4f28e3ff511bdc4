package io.sluice.channel;

import io.sluice.buffer.ReferenceCounted;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * A region of a file to send without copying it through user space ({@code sendfile}): write it
 * like a buffer; the transport transfers it straight from the file to the socket. Reference
 * counted: the file is closed when the count reaches zero (after the write, by the transport).
 */
public interface FileRegion extends ReferenceCounted {

    /** Returns the offset in the file where the region starts. */
    long position();

    /** Returns the length of the region in bytes. */
    long count();

    /** Returns how many bytes were transferred so far. */
    long transferred();

    /**
     * Transfers as much of the rest of the region as {@code target} takes now.
     *
     * @return the bytes transferred by this call
     */
    long transferTo(WritableByteChannel target) throws IOException;

    @Override
    FileRegion retain();

    @Override
    FileRegion touch(Object hint);
}

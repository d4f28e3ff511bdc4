package io.sluice.channel;

import io.sluice.buffer.IllegalReferenceCountException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link FileRegion} of an open {@link FileChannel}, which it closes when released. */
public final class DefaultFileRegion implements FileRegion {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultFileRegion.class);

    private final FileChannel file;
    private final long position;
    private final long count;
    private long transferred;
    private final AtomicInteger refCnt = new AtomicInteger(1);

    /**
     * Creates a region of {@code count} bytes from {@code position}; takes ownership of {@code file}.
     *
     * @throws IllegalArgumentException if the region is negative
     */
    public DefaultFileRegion(FileChannel file, long position, long count) {
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("position: " + position + ", count: " + count + " (expected: >= 0)");
        }
        this.file = file;
        this.position = position;
        this.count = count;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long transferred() {
        return transferred;
    }

    @Override
    public long transferTo(WritableByteChannel target) throws IOException {
        if (refCnt.get() == 0) {
            throw new IllegalReferenceCountException("file region refCnt: 0 (expected: > 0; used after release)");
        }
        long left = count - transferred;
        if (left <= 0) {
            return 0;
        }
        long n = file.transferTo(position + transferred, left, target);
        if (n == 0 && position + transferred >= file.size()) {
            throw new IOException("file size: " + file.size() + " (expected: at least the region's end, position "
                    + position + " + count " + count + ")");
        }
        transferred += n;
        return n;
    }

    @Override
    public int refCnt() {
        return refCnt.get();
    }

    @Override
    public FileRegion retain() {
        return retain(1);
    }

    @Override
    public FileRegion retain(int increment) {
        for (;;) {
            int current = refCnt.get();
            if (current <= 0 || current + increment <= 0) {
                throw new IllegalReferenceCountException("refCnt: " + current + " (expected: > 0 and at most "
                        + (Integer.MAX_VALUE - increment) + " to retain " + increment + ")");
            }
            if (refCnt.compareAndSet(current, current + increment)) {
                return this;
            }
        }
    }

    @Override
    public boolean release() {
        return release(1);
    }

    @Override
    public boolean release(int decrement) {
        for (;;) {
            int current = refCnt.get();
            if (current < decrement) {
                throw new IllegalReferenceCountException("refCnt: " + current + " (expected: >= " + decrement
                        + " to release " + decrement + ")");
            }
            if (refCnt.compareAndSet(current, current - decrement)) {
                if (current == decrement) {
                    try {
                        file.close();
                    } catch (IOException e) {
                        LOG.warn("Failed to close the file of {}", this, e);
                    }
                    return true;
                }
                return false;
            }
        }
    }

    @Override
    public FileRegion touch() {
        return this;
    }

    @Override
    public FileRegion touch(Object hint) {
        return this;
    }

    @Override
    public String toString() {
        return "DefaultFileRegion(position: " + position + ", count: " + count + ", transferred: " + transferred + ")";
    }
}

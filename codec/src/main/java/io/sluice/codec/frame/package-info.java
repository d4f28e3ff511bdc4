/**
 * Frame decoders split a byte stream into frames (length-field, line, delimiter, fixed-length,
 * varint32 length) and prependers write the matching headers. Every decoder has a maximum frame
 * length, checked on the header or on the first byte past it, so an oversized frame is never
 * buffered; {@link io.sluice.codec.frame.TooLongFrameAction} picks between closing the stream
 * (the default) and skipping the frame. Frames are emitted as retained slices: no copy.
 */
package io.sluice.codec.frame;

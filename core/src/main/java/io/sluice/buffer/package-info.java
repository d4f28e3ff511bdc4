/**
 * Reference-counted byte buffers and their allocators.
 *
 * <p>Design notes (decisions a Netty user might look for):
 * <ul>
 *   <li><b>No recycled buffer objects.</b> Pooled <em>memory</em> is reused, but each allocation
 *       gets a fresh buffer object. A stale reference to a released buffer therefore always sees
 *       a count of 0 and throws, instead of silently reading a buffer recycled to someone else.
 *       The object costs one small, short-lived allocation, which the JIT's TLAB bump makes cheap.
 *   <li><b>Derived buffers share the count.</b> Slices, duplicates and read-only views delegate
 *       reference counting to their source; {@code retained*} variants retain it first.
 *   <li><b>Composite adds are readable.</b> {@link io.sluice.buffer.CompositeBuffer#addComponent}
 *       always advances the writer index (Netty's two-argument form is a common trap).
 *   <li><b>Memory access</b> uses {@code VarHandle} views on arrays and on direct
 *       {@link java.nio.ByteBuffer}s (no {@code sun.misc.Unsafe}), so a bounds bug in this package
 *       cannot touch memory outside a chunk. Each primitive access is checked once, with
 *       {@link java.util.Objects#checkIndex}, which the JIT hoists out of a loop.
 *   <li><b>Thread caches only on event loops</b> by default: other threads share a few arenas
 *       under a lock, so short-lived or many threads cannot each pin cached memory.
 * </ul>
 */
package io.sluice.buffer;

package io.sluice.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads (JDK 21+) reached through method handles, so core still compiles with
 * {@code --release 17} and runs on JDK 17, where none of this is available. Resolved once at class
 * initialisation; afterwards each call is a constant method-handle invocation.
 */
public final class VirtualThreads {
    /** The first JDK where virtual threads are a final (not preview) feature. */
    public static final int MIN_JDK = 21;

    /** {@code Thread.isVirtual()}, or {@code null} before JDK 21. */
    private static final MethodHandle IS_VIRTUAL;
    /** {@code Thread.ofVirtual()}, or {@code null} before JDK 21. */
    private static final MethodHandle OF_VIRTUAL;
    /** {@code Thread.Builder.name(String, long)}. */
    private static final MethodHandle NAME;
    /** {@code Thread.Builder.factory()}. */
    private static final MethodHandle FACTORY;

    static {
        MethodHandle isVirtual = null;
        MethodHandle ofVirtual = null;
        MethodHandle name = null;
        MethodHandle factory = null;
        if (Runtime.version().feature() >= MIN_JDK) { // 19 and 20 have them only as a preview
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
                isVirtual = lookup.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
                ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualType))
                        .asType(MethodType.methodType(Object.class));
                name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class, long.class))
                        .asType(MethodType.methodType(Object.class, Object.class, String.class, long.class));
                factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class))
                        .asType(MethodType.methodType(ThreadFactory.class, Object.class));
            } catch (ReflectiveOperationException e) {
                isVirtual = null;
                ofVirtual = null;
            }
        }
        IS_VIRTUAL = isVirtual;
        OF_VIRTUAL = ofVirtual;
        NAME = name;
        FACTORY = factory;
    }

    private VirtualThreads() {}

    /** Returns whether this JDK has virtual threads (21 or later). */
    public static boolean isSupported() {
        return OF_VIRTUAL != null;
    }

    /** Returns whether {@code thread} is a virtual thread; always false before JDK 21. */
    public static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.isVirtual failed", e);
        }
    }

    /**
     * Returns a factory of unstarted virtual threads named {@code prefix-N}.
     *
     * @throws UnsupportedOperationException before JDK 21, naming the JDK it needs
     */
    public static ThreadFactory factory(String prefix) {
        if (!isSupported()) {
            throw new UnsupportedOperationException(unsupportedMessage());
        }
        try {
            Object builder = (Object) OF_VIRTUAL.invokeExact();
            builder = (Object) NAME.invokeExact(builder, prefix + "-", 1L);
            return (ThreadFactory) FACTORY.invokeExact(builder);
        } catch (Throwable e) {
            throw new IllegalStateException("could not make a virtual thread factory", e);
        }
    }

    /** The message for a JDK without virtual threads. */
    public static String unsupportedMessage() {
        return "virtual threads: not available on JDK " + Runtime.version().feature() + " (expected: JDK "
                + MIN_JDK + " or later)";
    }
}

package io.sluice.concurrent;

/** Work a {@link Timer} runs when a {@link Timeout} expires. */
@FunctionalInterface
public interface TimerTask {

    /** Runs on the timer's thread; keep it short (hand longer work to an executor). */
    void run(Timeout timeout) throws Exception;
}

package io.sluice.benchmarks.transport;

/** A client and an echo server connected over one transport, on two event loops. */
interface EchoPair {

    /**
     * Writes {@code messages} messages of {@code size} bytes from the client's loop (one flush), and
     * returns once every byte has come back.
     */
    void roundTrip(int messages, int size) throws Exception;

    /** Closes both channels and stops the loops. */
    void close() throws Exception;
}

package io.sluice.resolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Where names come from: a blocking lookup of every address of a host name. The default resolver
 * calls it on its own threads, never on an event loop. Tests pass a fake that needs no network.
 */
@FunctionalInterface
public interface NameLookup {

    /**
     * Returns every address of {@code host}, in the order the source prefers, never empty. May
     * block. Called from any thread.
     *
     * @throws UnknownHostException if the name has no address
     */
    List<InetAddress> lookup(String host) throws UnknownHostException;

    /** Returns the JDK's lookup, {@link InetAddress#getAllByName(String)} (the system's resolver and hosts file). */
    static NameLookup system() {
        return host -> Arrays.asList(InetAddress.getAllByName(host));
    }
}

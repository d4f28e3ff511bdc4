package io.sluice.transport.nio;

import io.sluice.testing.ApiListing;
import org.junit.jupiter.api.Test;

/** The public API of module {@code transport-nio} is the committed {@code transport-nio/api/transport-nio.api} (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApiMatchesTheCommittedListing() throws Exception {
        ApiListing.check(io.sluice.transport.nio.NioSocketChannel.class, "transport-nio.api");
    }
}

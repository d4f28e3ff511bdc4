package io.sluice;

import io.sluice.testing.ApiListing;
import org.junit.jupiter.api.Test;

/** The public API of module {@code core} is the committed {@code core/api/core.api} (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApiMatchesTheCommittedListing() throws Exception {
        ApiListing.check(io.sluice.buffer.Buffer.class, "core.api");
    }
}

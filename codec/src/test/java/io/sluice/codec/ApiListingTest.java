package io.sluice.codec;

import io.sluice.testing.ApiListing;
import org.junit.jupiter.api.Test;

/** The public API of module {@code codec} is the committed {@code codec/api/codec.api} (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApiMatchesTheCommittedListing() throws Exception {
        ApiListing.check(io.sluice.codec.CodecException.class, "codec.api");
    }
}

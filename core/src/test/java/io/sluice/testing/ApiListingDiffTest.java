package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@link ApiListing} lists, and the diff it fails with. */
class ApiListingDiffTest {
    private static final String BEFORE = """
            # header

            package p

            public final class p.A
              public int size()
              public void clear()

            public interface p.B
              public abstract void run()
            """;

    @Test
    void diffShowsRemovedAndAddedLinesUnderTheirType() {
        String after = BEFORE.replace("public int size()", "public long size()")
                .replace("public interface p.B", "public sealed interface p.B");
        assertEquals("""
                  p.A
                  - public int size()
                  + public long size()
                  p.B
                  - public interface p.B
                  + public sealed interface p.B
                """, ApiListing.diff(BEFORE, after));
    }

    @Test
    void noDiffForTheSameListing() {
        assertEquals("", ApiListing.diff(BEFORE, BEFORE));
    }

    @Test
    void listsExportedPackagesOnlySortedAndWithoutInheritedMembers() throws Exception {
        Path classes = Path.of(Buffer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String listing = ApiListing.render(classes);
        assertTrue(listing.contains("\npublic abstract class io.sluice.buffer.Buffer implements "), "the Buffer class");
        assertTrue(listing.contains("\npackage io.sluice.channel\n"), "an exported package");
        assertFalse(listing.contains(".internal"), "internal packages are not exported");
        assertTrue(listing.indexOf("package io.sluice.bootstrap") < listing.indexOf("package io.sluice.buffer"),
                "packages sorted");
        assertFalse(listing.contains("  private "), "no private member");
        assertFalse(listing.contains("java.lang.String"), "java.lang. dropped");
        assertTrue(listing.contains("  public io.sluice.buffer.CompositeBuffer addComponents(io.sluice.buffer.Buffer...)\n"),
                "varargs, and not shown as the transient bit it shares");
    }
}

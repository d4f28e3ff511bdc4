package io.sluice.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md, README.zh-CN.md and docs/*.md compiles against the
 * modules (and the examples, whose classes the codec guide builds on): the build fails when the API
 * moves and a snippet does not follow.
 */
class DocSnippetsTest {

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root: not found (expected: README.md and docs/ above "
                    + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }

    private static String testClassPath() {
        // surefire runs tests from a manifest-only jar; it publishes the real class path here
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null ? surefire : System.getProperty("java.class.path");
    }

    static List<Path> documents(Path root) throws IOException {
        List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("README.zh-CN.md")));
        try (Stream<Path> guides = Files.list(root.resolve("docs"))) {
            guides.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void everyJavaSnippetInTheDocsCompiles(@TempDir Path out) throws IOException {
        Path root = repositoryRoot();
        List<DocSnippets.Snippet> snippets = DocSnippets.extract(root, documents(root));
        assertTrue(snippets.size() >= 8, "snippets found: " + snippets.size() + " (expected: at least 8)");
        List<String> errors = DocSnippets.compile(snippets, testClassPath(), out);
        assertEquals(List.of(), errors, "snippets that do not compile:\n" + String.join("\n", errors));
    }

    @Test
    void aBrokenSnippetIsReportedAtItsLineInTheDocument(@TempDir Path out) throws IOException {
        String markdown = String.join("\n",
                "# Guide", "", "```bash", "class NotJava {}", "```", "",
                "```java",
                "import io.sluice.buffer.Buffers;",
                "",
                "final class Broken {",
                "    int n = Buffers.noSuchMethod();",
                "}",
                "```",
                "",
                "```java",
                "ctx.write(msg);",
                "```", "");
        List<DocSnippets.Snippet> snippets = DocSnippets.extract("guide.md", markdown);
        assertEquals(2, snippets.size(), "the bash block is not Java");
        List<String> errors = DocSnippets.compile(snippets, testClassPath() + File.pathSeparator + out, out);
        assertEquals(2, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("guide.md:16: not a compilation unit"), errors.get(0));
        assertTrue(errors.get(1).startsWith("guide.md:11: ") && errors.get(1).contains("noSuchMethod"), errors.get(1));
    }
}

package io.sluice.examples.docs;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Extracts the {@code ```java} blocks of Markdown files and compiles them against the test class
 * path, so a snippet in the docs cannot drift from the API. Every block is a whole compilation unit
 * as a reader would paste it (imports, then one top-level type); the check puts each one in a
 * package of its own on its first line, so errors keep the block's line numbers.
 */
final class DocSnippets {
    private static final Pattern FENCE = Pattern.compile("^\\s*```(\\S*)\\s*$");
    private static final Pattern TYPE = Pattern.compile(
            "^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);

    /** One block: the document, the line of its first code line (1-based) and its text. */
    record Snippet(String document, int firstLine, String code) {
        String where() {
            return document + ":" + firstLine;
        }
    }

    private DocSnippets() {}

    /** Returns the {@code ```java} blocks of {@code markdown}, named {@code document} in reports. */
    static List<Snippet> extract(String document, String markdown) {
        List<Snippet> snippets = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        StringBuilder code = null;
        int first = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher fence = FENCE.matcher(lines[i]);
            if (!fence.matches()) {
                if (code != null) {
                    code.append(lines[i]).append('\n');
                }
            } else if (code != null) {
                snippets.add(new Snippet(document, first, code.toString()));
                code = null;
            } else if (fence.group(1).equals("java")) {
                code = new StringBuilder();
                first = i + 2;
            } else {                                   // another language: skip to its closing fence
                while (++i < lines.length && !FENCE.matcher(lines[i]).matches()) {
                    // not Java
                }
            }
        }
        return snippets;
    }

    /** Returns the blocks of every file, each named by its path relative to {@code root}. */
    static List<Snippet> extract(Path root, List<Path> documents) throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        for (Path doc : documents) {
            snippets.addAll(extract(root.relativize(doc).toString(), Files.readString(doc)));
        }
        return snippets;
    }

    /**
     * Compiles {@code snippets} in one javac run with {@code -Xlint:all -Werror} against
     * {@code classPath} and returns one line per error ({@code document:line: message}); empty when
     * all compile.
     */
    static List<String> compile(List<Snippet> snippets, String classPath, Path outputDir) throws IOException {
        List<String> errors = new ArrayList<>();
        List<JavaFileObject> sources = new ArrayList<>();
        List<Snippet> bySource = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            Snippet s = snippets.get(i);
            Matcher type = TYPE.matcher(s.code());
            if (!type.find()) {
                errors.add(s.where() + ": not a compilation unit (expected: imports, then one top-level type)");
                continue;
            }
            String pkg = "snippet" + i;
            sources.add(new Source(pkg + "/" + type.group(1), "package " + pkg + "; " + s.code()));
            bySource.add(s);
        }
        if (sources.isEmpty()) {
            return errors;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "-proc:none",
                    "-classpath", classPath, "-d", outputDir.toString());
            javac.getTask(new StringWriter(), files, diagnostics, options, null, sources).call();
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR && d.getKind() != Diagnostic.Kind.WARNING) {
                continue;
            }
            String message = d.getMessage(Locale.ROOT);
            int index = d.getSource() == null ? -1 : sources.indexOf(d.getSource());
            if (index < 0) {
                errors.add(message);
            } else {
                Snippet s = bySource.get(index);
                errors.add(s.document() + ":" + (s.firstLine() + d.getLineNumber() - 1) + ": " + message);
            }
        }
        return errors;
    }

    /** A snippet as a source file in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String binaryName, String code) {
            super(URI.create("string:///" + binaryName + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}

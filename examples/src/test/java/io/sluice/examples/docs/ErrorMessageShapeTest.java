package io.sluice.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one shape of error messages in the deployed modules' sources (README, "Contributing"): an
 * {@code IllegalArgumentException} says {@code what: value (expected: ...)}, and null checks are
 * {@code Objects.requireNonNull(x, "x")}, never a hand-made {@code NullPointerException} or a check
 * that names nothing. A source check, so it catches the old shapes wherever they come back.
 */
class ErrorMessageShapeTest {
    private static final List<String> MODULES = List.of("core", "codec", "transport-nio");
    private static final Pattern ARGUMENT_EXCEPTION = Pattern.compile("new IllegalArgumentException\\(");
    private static final Pattern HAND_MADE_NPE = Pattern.compile("new NullPointerException\\(");
    private static final Pattern NULL_CHECK = Pattern.compile("requireNonNull\\(");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void messagesOfTheDeployedModulesHaveOneShape() throws IOException {
        Path root = DocSnippetsTest.repositoryRoot();
        List<String> offences = new ArrayList<>();
        int checked = 0;
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    checked += check(root.relativize(file).toString(), Files.readString(file), offences);
                }
            }
        }
        assertTrue(checked > 100, "argument checks found: " + checked + " (expected: > 100)");
        assertEquals(List.of(), offences, "messages not in the shape 'what: value (expected: ...)':\n"
                + String.join("\n", offences));
    }

    @Test
    void theCheckCatchesEachOldShape() {
        String source = String.join("\n",
                "class Old {",
                "    Old(int max, Object handler, Object name) {",
                "        if (max <= 0) throw new IllegalArgumentException(\"max must be positive: \" + max);",
                "        if (handler == null) throw new NullPointerException(\"handler\");",
                "        java.util.Objects.requireNonNull(name);",
                "        if (max > 9) throw new IllegalArgumentException(\"max: \" + max + \" (expected: <= 9)\");",
                "        java.util.Objects.requireNonNull(handler, \"handler\");",
                "        java.util.Objects.requireNonNull(f(name, handler), \"f(...)\");",
                "    }",
                "}");
        List<String> offences = new ArrayList<>();
        assertEquals(2, check("Old.java", source, offences));
        assertEquals(3, offences.size(), offences::toString);
        assertTrue(offences.get(0).startsWith("Old.java:3: IllegalArgumentException"), offences.get(0));
        assertTrue(offences.get(1).startsWith("Old.java:4: new NullPointerException"), offences.get(1));
        assertTrue(offences.get(2).startsWith("Old.java:5: requireNonNull without a name"), offences.get(2));
    }

    /** Adds the offences of one source file; returns how many argument checks it has. */
    private static int check(String name, String source, List<String> offences) {
        int checks = 0;
        Matcher m = ARGUMENT_EXCEPTION.matcher(source);
        while (m.find()) {
            checks++;
            String literals = literals(arguments(source, m.end()));
            if (!literals.isEmpty() && !(literals.contains(": ") && literals.contains("(expected: "))) {
                offences.add(name + ":" + line(source, m.start()) + ": IllegalArgumentException \"" + literals + "\"");
            }
        }
        m = HAND_MADE_NPE.matcher(source);
        while (m.find()) {
            offences.add(name + ":" + line(source, m.start())
                    + ": new NullPointerException (expected: Objects.requireNonNull(x, \"x\"))");
        }
        m = NULL_CHECK.matcher(source);
        while (m.find()) {
            if (topLevelArguments(arguments(source, m.end())) < 2) {
                offences.add(name + ":" + line(source, m.start())
                        + ": requireNonNull without a name (expected: Objects.requireNonNull(x, \"x\"))");
            }
        }
        return checks;
    }

    /** The text between the parenthesis opened just before {@code from} and the one closing it. */
    private static String arguments(String source, int from) {
        int depth = 1;
        int i = from;
        while (depth > 0 && i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                i++;
                while (i < source.length() && source.charAt(i) != c) {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            i++;
        }
        return source.substring(from, Math.max(from, i - 1));
    }

    /** How many arguments a call has: commas outside string literals and nested brackets, plus one. */
    private static int topLevelArguments(String arguments) {
        if (arguments.isBlank()) {
            return 0;
        }
        String outside = STRING_LITERAL.matcher(arguments).replaceAll("\"\"");
        int depth = 0;
        int count = 1;
        for (char c : outside.toCharArray()) {
            switch (c) {
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth--;
                case ',' -> count += depth == 0 ? 1 : 0;
                default -> { }
            }
        }
        return count;
    }

    private static String literals(String arguments) {
        StringBuilder text = new StringBuilder();
        Matcher m = STRING_LITERAL.matcher(arguments);
        while (m.find()) {
            text.append(m.group(1));
        }
        return text.toString();
    }

    private static int line(String source, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}

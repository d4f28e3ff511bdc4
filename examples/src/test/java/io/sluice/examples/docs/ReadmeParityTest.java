package io.sluice.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.zh-CN.md keeps up with README.md: the same sections in the same order, and in each the same
 * code blocks (equal once comments are set aside, so they may be translated), table rows and list
 * items. Prose is free to differ; structure is not, so an English change without its Chinese one fails.
 */
class ReadmeParityTest {
    private static final Pattern LINE_COMMENT = Pattern.compile("\\s*//[^\\n]*");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LIST_ITEM = Pattern.compile("^(- |\\d+\\. ).*");

    /** The structure of one {@code ##} section. */
    record Section(int index, List<String> codeBlocks, int tableRows, int listItems) {}

    static List<Section> sections(String markdown) {
        List<Section> sections = new ArrayList<>();
        List<String> code = new ArrayList<>();
        int rows = 0;
        int items = 0;
        StringBuilder block = null;
        for (String line : markdown.split("\n", -1)) {
            if (block != null) {
                if (line.equals("```")) {
                    code.add(withoutComments(block.toString()));
                    block = null;
                } else {
                    block.append(line).append('\n');
                }
            } else if (line.startsWith("```")) {
                block = new StringBuilder(line.substring(3)).append('\n');
            } else if (line.startsWith("## ")) {
                sections.add(new Section(sections.size(), code, rows, items));
                code = new ArrayList<>();
                rows = 0;
                items = 0;
            } else if (line.startsWith("|")) {
                rows++;
            } else if (LIST_ITEM.matcher(line).matches()) {
                items++;
            }
        }
        sections.add(new Section(sections.size(), code, rows, items));
        return sections;
    }

    private static String withoutComments(String code) {
        String stripped = LINE_COMMENT.matcher(BLOCK_COMMENT.matcher(code).replaceAll("")).replaceAll("");
        return stripped.lines().map(String::stripTrailing).filter(l -> !l.isBlank())
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void theChineseReadmeHasTheSameSectionsCodeTablesAndLists() throws IOException {
        Path root = DocSnippetsTest.repositoryRoot();
        String english = Files.readString(root.resolve("README.md"));
        String chinese = Files.readString(root.resolve("README.zh-CN.md"));
        List<Section> en = sections(english);
        List<Section> zh = sections(chinese);
        assertTrue(en.size() > 10, "sections of README.md: " + en.size() + " (expected: > 10)");
        assertEquals(en.size(), zh.size(), "## sections (expected: as many in README.zh-CN.md as in README.md)");
        for (int i = 0; i < en.size(); i++) {
            Section e = en.get(i);
            Section z = zh.get(i);
            String where = "section " + i + " (the " + ordinal(i) + " '## ' heading; 0 is the text before the first)";
            assertEquals(e.codeBlocks(), z.codeBlocks(), "code blocks of " + where);
            assertEquals(e.tableRows(), z.tableRows(), "table rows of " + where);
            assertEquals(e.listItems(), z.listItems(), "list items of " + where);
        }
        assertTrue(english.contains("(README.zh-CN.md)") && chinese.contains("(README.md)"), "each links to the other");
    }

    @Test
    void aMissingTableRowOrChangedCommandIsCaught() {
        String english = "# T\n\n```bash\n./mvnw verify # build\n```\n\n## A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n- one\n";
        String sameInOtherWords = "# T\n\n```bash\n./mvnw verify # build\n```\n\n## 甲\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n- 一\n";
        assertEquals(sections(english), sections(sameInOtherWords));
        assertNotEquals(sections(english), sections(sameInOtherWords.replace("| 1 | 2 |\n", "")), "a row less");
        assertNotEquals(sections(english), sections(sameInOtherWords.replace("verify", "install")), "a command");
        assertNotEquals(sections(english), sections(sameInOtherWords.replace("- 一\n", "")), "an item less");
    }

    private static String ordinal(int i) {
        return i + (i % 10 == 1 && i % 100 != 11 ? "st" : i % 10 == 2 && i % 100 != 12 ? "nd"
                : i % 10 == 3 && i % 100 != 13 ? "rd" : "th");
    }
}

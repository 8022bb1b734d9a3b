package dev.avalon.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles the {@code <pre>{@code ...}</pre>} examples in the Javadoc of Avalon's public entry points
 * against the real classes, with {@code --release 17}, so an example cannot drift from the API or use
 * a language feature Java 17 lacks.
 *
 * <p>The rules, so an example knows what it may assume:
 * <ul>
 *   <li>A block is Java unless, trimmed, it starts with an opening brace or bracket (JSON) or holds no
 *       semicolon at all (a grammar, a file layout, a command line); such blocks are skipped.</li>
 *   <li>A Java block's leading {@code import} lines (and blank lines among them) become imports of the
 *       generated file; the rest is the body of {@code static void example() throws Exception} of a
 *       class of its own. So an example declares every variable it uses.</li>
 *   <li>Every generated file has the imports of {@link #IMPORTS}: the public Avalon packages,
 *       {@code java.time}, {@code java.nio.file}, {@code java.util}, and statically AssertJ's
 *       {@code assertThat} and the harness's {@code data(..)}, as a test using the harness has them.</li>
 *   <li>The braces inside a block balance, as Javadoc needs to find the end of {@code {@code}}.</li>
 * </ul>
 * The compiler sees this test's own class path, which holds every Avalon module.
 */
@DisplayName("The Javadoc examples of Avalon's public entry points compile on Java 17")
class JavadocExamplesTest {

    /** The sources whose examples are compiled, relative to the repository root. */
    static final List<String> SOURCES = List.of(
            "avalon-core/src/main/java/dev/avalon/core/Avalon.java",
            "avalon-core/src/main/java/dev/avalon/core/action/ActionInterceptor.java",
            "avalon-core/src/main/java/dev/avalon/core/action/ActionResult.java",
            "avalon-core/src/main/java/dev/avalon/core/behaviour/SemVer.java",
            "avalon-testkit/src/main/java/dev/avalon/testkit/harness/AvalonHarness.java",
            "avalon-testkit/src/main/java/dev/avalon/testkit/harness/ActionResultAssert.java");

    /** The imports every example may assume. */
    static final List<String> IMPORTS = List.of(
            "dev.avalon.core.*",
            "dev.avalon.core.action.*",
            "dev.avalon.core.base.*",
            "dev.avalon.core.behaviour.*",
            "dev.avalon.core.brain.*",
            "dev.avalon.core.json.*",
            "dev.avalon.core.port.*",
            "dev.avalon.core.question.*",
            "dev.avalon.core.schedule.*",
            "dev.avalon.git.*",
            "dev.avalon.testkit.*",
            "dev.avalon.testkit.alert.*",
            "dev.avalon.testkit.brain.*",
            "dev.avalon.testkit.harness.*",
            "java.nio.file.*",
            "java.time.*",
            "java.util.*",
            "static org.assertj.core.api.Assertions.assertThat",
            "static dev.avalon.testkit.harness.AvalonHarness.data");

    private static final String OPENING = "<pre>{@code";
    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LEADING_STAR = Pattern.compile("^[ \\t]*\\* ?");

    /**
     * One {@code {@code}} block of a source file.
     *
     * @param file   the source, relative to the repository root
     * @param number the block's place among the file's blocks, from 1
     * @param line   the source line of its {@code <pre>{@code}}
     * @param text   the block as Javadoc shows it
     */
    record Example(String file, int number, int line, String text) {

        boolean isJava() {
            String trimmed = text.strip();
            return !trimmed.startsWith("{") && !trimmed.startsWith("[") && trimmed.contains(";");
        }

        String fileName() {
            return file.substring(file.lastIndexOf('/') + 1);
        }

        String className() {
            return fileName().replace(".java", "") + "Example" + number;
        }

        /** The compilation unit the example becomes. */
        String source() {
            List<String> lines = text.lines().toList();
            int body = firstBodyLine(lines);
            StringBuilder unit = new StringBuilder();
            IMPORTS.forEach(i -> unit.append("import ").append(i).append(";\n"));
            lines.subList(0, body).stream().filter(l -> !l.isBlank()).forEach(l -> unit.append(l.strip()).append('\n'));
            unit.append("\nfinal class ").append(className()).append(" {\n")
                    .append("    static void example() throws Exception {\n");
            lines.subList(body, lines.size()).forEach(l -> unit.append(l).append('\n'));
            unit.append("    }\n}\n");
            return unit.toString();
        }

        /** The line of the source file that line {@code unitLine} of {@link #source()} comes from, or 0 for a generated line. */
        long sourceLine(long unitLine) {
            List<String> lines = text.lines().toList();
            int body = firstBodyLine(lines);
            long hoisted = lines.subList(0, body).stream().filter(l -> !l.isBlank()).count();
            long firstBodyUnitLine = IMPORTS.size() + hoisted + 4;
            long index = body + unitLine - firstBodyUnitLine;
            return unitLine < firstBodyUnitLine || index >= lines.size() ? 0 : line + 1 + index;
        }

        @Override
        public String toString() {
            return fileName() + ", example " + number + " (line " + line + ")";
        }

        private static int firstBodyLine(List<String> lines) {
            int i = 0;
            while (i < lines.size() && (lines.get(i).isBlank() || lines.get(i).strip().startsWith("import "))) {
                i++;
            }
            return i;
        }
    }

    static List<Example> javaExamples() throws IOException {
        List<Example> java = new ArrayList<>();
        for (String file : SOURCES) {
            examplesIn(file).stream().filter(Example::isJava).forEach(java::add);
        }
        return java;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaExamples")
    @DisplayName("each Java example compiles as written, as the body of a method with the documented imports")
    void compiles(Example example, @TempDir Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler (this test runs on a JDK, not a JRE)").isNotNull();
        String source = example.source();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        boolean compiled;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8",
                    "-classpath", System.getProperty("java.class.path"), "-d", out.toString());
            compiled = javac.getTask(output, files, diagnostics, options, null,
                    List.of(new SourceText(example.className(), source))).call();
        }
        assertThat(compiled)
                .withFailMessage(() -> example.file + ": example " + example.number + " (the <pre>{@code} at line "
                        + example.line + ") does not compile on Java 17:\n" + describe(example, diagnostics.getDiagnostics())
                        + output + "\nas compiled:\n" + numbered(source))
                .isTrue();
    }

    @Test
    @DisplayName("every listed source has at least one Java example, so a moved file or a changed layout cannot pass unnoticed")
    void everySourceHasAnExample() throws IOException {
        for (String file : SOURCES) {
            assertThat(examplesIn(file)).as("the examples in %s", file).anyMatch(Example::isJava);
        }
    }

    @Test
    @DisplayName("a block of JSON or of text without a semicolon is not taken for Java")
    void skipsWhatIsNotJava() {
        assertThat(new Example("a/B.java", 1, 1, "{\"action\":\"behaviour.get\"}").isJava()).isFalse();
        assertThat(new Example("a/B.java", 1, 1, "[1, 2]").isJava()).isFalse();
        assertThat(new Example("a/B.java", 1, 1, "MAJOR.MINOR.PATCH").isJava()).isFalse();
        assertThat(new Example("a/B.java", 1, 1, "int i = 0;").isJava()).isTrue();
    }

    /** Every {@code <pre>{@code ...}</pre>} block of {@code file}, in order, with the Javadoc stars taken off. */
    static List<Example> examplesIn(String file) throws IOException {
        Path path = repositoryRoot().resolve(file);
        assertThat(path).as("a source whose examples are compiled").isRegularFile();
        String text = Files.readString(path, StandardCharsets.UTF_8);
        List<Example> examples = new ArrayList<>();
        Matcher comment = JAVADOC.matcher(text);
        while (comment.find()) {
            int commentLine = lineOf(text, comment.start());
            String body = comment.group().lines()
                    .map(l -> LEADING_STAR.matcher(l).replaceFirst(""))
                    .collect(Collectors.joining("\n"));
            int from = 0;
            for (int open = body.indexOf(OPENING, from); open >= 0; open = body.indexOf(OPENING, from)) {
                int start = open + OPENING.length();
                int end = closingBrace(body, start);
                int line = commentLine + lineOf(body, open) - 1;
                if (end < 0) {
                    throw new AssertionError(file + ": the {@code} block at line " + line
                            + " has unbalanced braces, so Javadoc cannot find its end");
                }
                String block = body.substring(start, end);
                examples.add(new Example(file, examples.size() + 1, line, block.startsWith("\n") ? block.substring(1) : block));
                from = end;
            }
        }
        return examples;
    }

    /** The index of the brace that closes a {@code {@code} whose text starts at {@code from}, as Javadoc counts, or -1. */
    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The folder holding the Avalon sources: the test's working folder (the module) or one above it. */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SOURCES.get(0)))) {
                return dir;
            }
        }
        throw new AssertionError("no Avalon repository root (a folder holding " + SOURCES.get(0) + ") at or above "
                + start);
    }

    private static String describe(Example example, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        StringBuilder text = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            long sourceLine = example.sourceLine(d.getLineNumber());
            text.append("  ").append(d.getKind()).append(" at line ").append(d.getLineNumber()).append(" as compiled")
                    .append(sourceLine > 0 ? " (" + example.fileName() + ":" + sourceLine + ")" : "").append(": ")
                    .append(d.getMessage(Locale.ROOT)).append('\n');
        }
        return text.toString();
    }

    private static String numbered(String source) {
        List<String> lines = source.lines().toList();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines.get(i)));
        }
        return text.toString();
    }

    /** A generated compilation unit held in memory. */
    private static final class SourceText extends SimpleJavaFileObject {
        private final String text;

        SourceText(String className, String text) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}

package dev.avalon.core.notulen;

import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the action points in minutes. The markdown is parsed with commonmark-java (task-list
 * extension, block source spans for line numbers); only the text of one paragraph line or one
 * task item is then looked at for:
 * <ul>
 *   <li>task-list items {@code - [ ] …} and {@code - [x] …} (done), at any nesting depth;</li>
 *   <li>lines starting with a Dutch action marker: {@code Actie:}, {@code AP:} or {@code TODO};</li>
 *   <li>an owner {@code @naam};</li>
 *   <li>a due date as Obsidian Tasks writes it ({@code 📅 2026-11-30}), as {@code due: 2026-11-30}, or
 *       as a Dataview field {@code [due:: 2026-11-30]}.</li>
 * </ul>
 */
public final class ActionPoints {

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TaskListItemsExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    private static final Pattern MARKER = Pattern.compile(
            "^(?:(?i:actie)\\s*:|AP\\s*:|TODO\\b\\s*:?)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern OWNER = Pattern.compile("(?<![\\p{L}\\p{N}._%+-])@([\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]*)");
    private static final String DATE = "(\\d{4}-\\d{2}-\\d{2})";
    private static final Pattern DUE_FIELD = Pattern.compile("\\[\\s*due\\s*::\\s*" + DATE + "\\s*\\]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DUE_EMOJI = Pattern.compile("\\x{1F4C5}\\s*" + DATE);
    private static final Pattern DUE_COLON = Pattern.compile("(?<![\\p{L}\\[])due\\s*:\\s*" + DATE,
            Pattern.CASE_INSENSITIVE);

    private ActionPoints() {
    }

    /** Every action point of {@code markdown}, in document order. */
    public static List<ActionPoint> extract(String markdown) {
        Node document = PARSER.parse(markdown);
        List<ActionPoint> points = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Paragraph paragraph) {
                List<Line> lines = lines(paragraph);
                if (paragraph.getPrevious() instanceof TaskListItemMarker marker
                        && paragraph.getParent() instanceof ListItem) {
                    String text = String.join(" ", lines.stream().map(Line::text).toList()).strip();
                    Matcher m = MARKER.matcher(text);
                    points.add(point(m.matches() ? m.group(1) : text, marker.isChecked(), lines.get(0).number()));
                } else {
                    for (Line line : lines) {
                        Matcher m = MARKER.matcher(line.text().strip());
                        if (m.matches()) {
                            points.add(point(m.group(1), false, line.number()));
                        }
                    }
                }
                visitChildren(paragraph);
            }
        });
        return points;
    }

    private static ActionPoint point(String raw, boolean done, int line) {
        LocalDate due = null;
        String text = raw;
        for (Pattern p : List.of(DUE_FIELD, DUE_EMOJI, DUE_COLON)) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                if (due == null) {
                    due = date(m.group(1));
                }
                text = m.replaceAll("");
            }
        }
        Matcher owner = OWNER.matcher(text);
        String who = owner.find() ? owner.group(1).replaceAll("[.-]+$", "") : null;
        return new ActionPoint(text.replaceAll("\\s+", " ").strip(), who, due, done, line);
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** One source line of a paragraph, as plain text. */
    private record Line(String text, int number) {
    }

    /** The paragraph's text split at its line breaks, each with its 1-based line number in the file. */
    private static List<Line> lines(Paragraph paragraph) {
        List<StringBuilder> texts = new ArrayList<>();
        texts.add(new StringBuilder());
        collect(paragraph, texts);
        List<SourceSpan> spans = paragraph.getSourceSpans();
        int first = spans.isEmpty() ? 0 : spans.get(0).getLineIndex();
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            int index = i < spans.size() ? spans.get(i).getLineIndex() : first + i;
            lines.add(new Line(texts.get(i).toString(), index + 1));
        }
        return lines;
    }

    private static void collect(Node node, List<StringBuilder> texts) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                texts.get(texts.size() - 1).append(t.getLiteral());
            } else if (child instanceof Code c) {
                texts.get(texts.size() - 1).append(c.getLiteral());
            } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                texts.add(new StringBuilder());
            } else {
                collect(child, texts);
            }
        }
    }
}

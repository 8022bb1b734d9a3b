package dev.avalon.core.notulen;

import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the action points in minutes. The markdown is parsed with commonmark-java (task-list
 * extension, block source spans for line numbers); only the text of one paragraph line or one
 * task item is then looked at for:
 * <ul>
 *   <li>task-list items {@code - [ ] …} and {@code - [x] …} (done), at any nesting depth;</li>
 *   <li>lines starting with a Dutch action marker: {@code Actie:}, {@code AP:} or {@code TODO};</li>
 *   <li>every item, numbered ({@code 1.}, {@code 1)}) or bulleted ({@code -}, {@code *}, {@code •}), of the
 *       lists in a section headed {@code Actiepunten}, {@code Acties}, {@code Actielijst}, {@code Action
 *       items} or {@code Action points}: a markdown heading of any level (the section ends at the next
 *       heading of the same or a higher level), or a paragraph of just that word ({@code **Acties:**}),
 *       which heads the lists right after it;</li>
 *   <li>an owner: {@code @naam}, a leading {@code Naam:}, or a leading name and verb, by the rules of
 *       {@link Owner}; the attendees are read from a line {@code Aanwezig:}, {@code Aanwezigen:},
 *       {@code Deelnemers:}, {@code Attendees:} or {@code Present:};</li>
 *   <li>a due date as Obsidian Tasks writes it ({@code 📅 2026-11-30}), as {@code due: 2026-11-30}, as
 *       a Dataview field {@code [due:: 2026-11-30]}, or in words after {@code vóór}, {@code uiterlijk},
 *       {@code deadline}, {@code by}, … in Dutch and ISO forms, by the rules of {@link DuePhrase}: a
 *       date without a year is the first such day on or after the minutes' date.</li>
 * </ul>
 * The text of a point is the item without its marker, its {@code Naam:} label and its due-date phrase.
 */
public final class ActionPoints {

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TaskListItemsExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    private static final Pattern MARKER = Pattern.compile(
            "^(?:(?i:actie)\\s*:|AP\\s*:|TODO\\b\\s*:?)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern SECTION = Pattern.compile(
            "^(?:\\d+[.)]?\\s*)?(?:actiepunten|actiepunt|acties|actielijst|action items|action points)(?![\\p{L}]).*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern LABEL_ONLY = Pattern.compile(
            "^(?:actiepunten|acties|actielijst|action items|action points)\\s*:?$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ATTENDEES = Pattern.compile(
            "^(?:aanwezig|aanwezigen|deelnemers|attendees|present)\\s*:\\s*(.+)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern BULLET = Pattern.compile("^•\\s*");
    private static final String DATE = "(\\d{4}-\\d{2}-\\d{2})";
    private static final Pattern DUE_FIELD = Pattern.compile("\\[\\s*due\\s*::\\s*" + DATE + "\\s*\\]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DUE_EMOJI = Pattern.compile("\\x{1F4C5}\\s*" + DATE);
    private static final Pattern DUE_COLON = Pattern.compile("(?<![\\p{L}\\[])due\\s*:\\s*" + DATE,
            Pattern.CASE_INSENSITIVE);

    private ActionPoints() {
    }

    /**
     * Every action point of {@code markdown}, in document order, as {@link #extract(String, LocalDate)}
     * without a minutes' date: a due date without a year is then not understood.
     */
    public static List<ActionPoint> extract(String markdown) {
        return extract(markdown, null);
    }

    /**
     * Every action point of {@code markdown}, in document order.
     *
     * @param markdown    the minutes
     * @param minutesDate the date of the meeting, which a due date without a year counts from; may be
     *                    {@code null}
     */
    public static List<ActionPoint> extract(String markdown, LocalDate minutesDate) {
        Node document = PARSER.parse(markdown);
        Set<Node> sectionBlocks = sectionBlocks(document);
        List<String> attendees = attendees(document);
        List<ActionPoint> points = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Paragraph paragraph) {
                List<Line> lines = lines(paragraph);
                boolean taskItem = paragraph.getPrevious() instanceof TaskListItemMarker
                        && paragraph.getParent() instanceof ListItem;
                boolean sectionItem = paragraph.getParent() instanceof ListItem item
                        && (paragraph.getPrevious() == null || taskItem) && inSection(item, sectionBlocks);
                if (taskItem || sectionItem) {
                    String text = String.join(" ", lines.stream().map(Line::text).toList()).strip();
                    Matcher m = MARKER.matcher(text);
                    boolean done = taskItem && ((TaskListItemMarker) paragraph.getPrevious()).isChecked();
                    points.add(point(m.matches() ? m.group(1) : text, done, lines.get(0).number(), minutesDate,
                            attendees));
                } else {
                    // "•" is no markdown list marker: such items are lines of a paragraph
                    boolean bullets = sectionBlocks.contains(paragraph);
                    for (Line line : lines) {
                        String text = line.text().strip();
                        Matcher m = MARKER.matcher(text);
                        if (LABEL_ONLY.matcher(text).matches()) {
                            bullets = true;
                        } else if (bullets && text.startsWith("•")) {
                            points.add(point(text, false, line.number(), minutesDate, attendees));
                        } else if (m.matches()) {
                            points.add(point(m.group(1), false, line.number(), minutesDate, attendees));
                        }
                    }
                }
                visitChildren(paragraph);
            }
        });
        return points;
    }

    private static ActionPoint point(String raw, boolean done, int line, LocalDate minutesDate,
                                     List<String> attendees) {
        LocalDate due = null;
        String text = BULLET.matcher(raw.strip()).replaceFirst("");
        for (Pattern p : List.of(DUE_FIELD, DUE_EMOJI, DUE_COLON)) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                if (due == null) {
                    due = date(m.group(1));
                }
                text = m.replaceAll("");
            }
        }
        Optional<DuePhrase> phrase = DuePhrase.find(text, minutesDate);
        if (phrase.isPresent()) {
            if (due == null) {
                due = phrase.get().due();
            }
            text = text.substring(0, phrase.get().from()) + text.substring(phrase.get().to());
        }
        text = tidy(text);
        Optional<Owner> owner = Owner.in(text, attendees);
        if (owner.isPresent()) {
            text = text.substring(owner.get().to());
        }
        return new ActionPoint(tidy(text), owner.map(Owner::name).orElse(null), due, done, line);
    }

    /** Single spaces, no punctuation left dangling where a due-date phrase was cut out. */
    private static String tidy(String text) {
        return text.replaceAll("\\(\\s*\\)", "").replaceAll("\\s+", " ").replaceAll("\\s+([,;:.])", "$1")
                .replaceAll("[\\s,;:–-]+$", "").strip();
    }

    /** The lists and paragraphs of the action-point sections: under an action heading, or after an action label. */
    private static Set<Node> sectionBlocks(Node document) {
        Set<Node> blocks = Collections.newSetFromMap(new IdentityHashMap<>());
        int sectionLevel = 0;
        boolean afterLabel = false;
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading heading) {
                if (sectionLevel > 0 && heading.getLevel() <= sectionLevel) {
                    sectionLevel = 0;
                }
                if (SECTION.matcher(plain(heading).strip()).matches()) {
                    sectionLevel = heading.getLevel();
                }
                afterLabel = false;
            } else {
                if ((block instanceof ListBlock || block instanceof Paragraph) && (sectionLevel > 0 || afterLabel)) {
                    blocks.add(block);
                }
                // a label heads what follows it, also when its "•" items share its paragraph
                afterLabel = block instanceof Paragraph p
                        && LABEL_ONLY.matcher(lines(p).get(0).text().strip()).matches();
            }
        }
        return blocks;
    }

    private static boolean inSection(ListItem item, Set<Node> sectionBlocks) {
        for (Node n = item.getParent(); n != null && !(n instanceof Document); n = n.getParent()) {
            if (sectionBlocks.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** The names after the first {@code Aanwezig:} (or similar) line, split at commas, {@code en} and {@code and}. */
    private static List<String> attendees(Node document) {
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Paragraph p) {
                for (Line line : lines(p)) {
                    Matcher m = ATTENDEES.matcher(line.text().strip());
                    if (m.matches()) {
                        List<String> names = new ArrayList<>();
                        for (String part : m.group(1).split(",|;|&|\\s+en\\s+|\\s+and\\s+")) {
                            String name = part.replaceAll("\\([^)]*\\)", "").replaceAll("[.\\s]+$", "").strip();
                            if (!name.isEmpty() && Character.isUpperCase(name.codePointAt(0))) {
                                names.add(name);
                            }
                        }
                        return List.copyOf(names);
                    }
                }
            }
        }
        return List.of();
    }

    private static String plain(Block block) {
        List<StringBuilder> texts = new ArrayList<>();
        texts.add(new StringBuilder());
        collect(block, texts);
        return String.join(" ", texts);
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

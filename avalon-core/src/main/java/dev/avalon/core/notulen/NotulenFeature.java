package dev.avalon.core.notulen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.FolderCommitRequest;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.governance.CommitConsent;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.Ports;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Notulen: {@code notulen.save}, {@code notulen.list}, {@code notulen.extract_action_points} and
 * {@code notulen.request_commit} (a COMMIT_CONSENT for the project's uncommitted minutes, context
 * {@code {"workflow":"notulen"}}), and the validator of {@code notulen/}.
 */
public final class NotulenFeature implements Feature {

    /** Largest minutes file, in UTF-8 bytes; below the request reader's string limit so the field is named. */
    public static final int MAX_BYTES = 48 * 1024;
    static final String FOLDER = "notulen";

    @Override
    public String name() {
        return "notulen";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                ActionDefinition.fromResource("notulen.save", NotulenFeature::save),
                ActionDefinition.fromResource("notulen.list", NotulenFeature::list),
                ActionDefinition.fromResource("notulen.extract_action_points", NotulenFeature::extract),
                ActionDefinition.fromResource("notulen.request_commit", NotulenFeature::requestCommit));
    }

    @Override
    public Map<String, BrainValidation.FileValidator> validators(Brain brain, Ports ports) {
        return Map.of(FOLDER + "/", NotulenFeature::validate);
    }

    // ------------------------------------------------------------------ actions

    static Outcome save(ActionContext ctx) {
        String project = ctx.data().get("project").textValue();
        String date = ctx.data().get("date").textValue();
        String title = ctx.data().get("title").textValue();
        String markdown = ctx.data().get("markdown").textValue();
        List<Violation> violations = new ArrayList<>();
        SafeName.problems(project).forEach(p -> violations.add(new Violation("$.data.project", p)));
        String slug = slug(title);
        if (slug.isEmpty()) {
            violations.add(new Violation("$.data.title", "has no letters or digits to name the file by; "
                    + "give the minutes a title with a word in it, e.g. \"Bestuursoverleg\""));
        } else {
            SafeName.problems(slug).forEach(p -> violations.add(new Violation("$.data.title",
                    "gives the file name '" + slug + "', which " + p)));
        }
        if (title.chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation("$.data.title", "contains control characters"));
        }
        textProblems(markdown).forEach(p -> violations.add(new Violation("$.data.markdown", p)));
        if (!violations.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the minutes cannot be saved: " + violations.get(0).path()
                    + " " + violations.get(0).problem(), violations);
        }
        String content = startsWithTitle(markdown) ? markdown : "# " + title.strip() + "\n\n" + markdown;
        if (!content.endsWith("\n")) {
            content = content + "\n";
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the minutes are too large",
                    new Violation("$.data.markdown", "is " + bytes.length + " bytes; at most " + MAX_BYTES));
        }
        BrainPath path = freePath(ctx, project, date, slug, content);
        boolean replaced = ctx.brain().read(path).isPresent();
        List<ActionPoint> points = ActionPoints.extract(content, day(date));
        ObjectNode audit = Json.object();
        audit.put("path", path.value());
        audit.put("sha256", CanonicalJson.sha256Hex(bytes));
        audit.put("bytes", bytes.length);
        audit.put("replaced", replaced);
        audit.put("actionPoints", points.size());
        ObjectNode result = Json.object();
        result.put("path", path.value());
        result.put("project", project);
        result.put("file", path.value().substring(path.value().lastIndexOf('/') + 1));
        result.put("bytes", bytes.length);
        result.put("replaced", replaced);
        result.put("actionPoints", points.size());
        return Outcome.builder(result).write(path, bytes)
                .audit(new AuditRecord("notulen.saved", ctx.actor(), ctx.traceId(), audit)).build();
    }

    /**
     * The file name {@code file} names: a bare name, or the {@code path} that {@code notulen.save} and
     * {@code notulen.list} answer ({@code notulen/<project>/<file>}), which a model copies as it is.
     */
    private static String fileName(String project, String file) {
        String prefix = FOLDER + "/" + project + "/";
        return file.startsWith(prefix) ? file.substring(prefix.length()) : file;
    }

    static Outcome list(ActionContext ctx) {
        String project = project(ctx);
        ObjectNode result = Json.object();
        result.put("project", project);
        ArrayNode files = result.putArray("files");
        for (BrainPath p : ctx.brain().store().list(FOLDER + "/" + project)) {
            String file = p.value().substring(p.value().lastIndexOf('/') + 1);
            if (file.endsWith(".md") && file.length() > 10) {
                files.addObject().put("file", file).put("path", p.value()).put("date", file.substring(0, 10));
            }
        }
        return Outcome.of(result);
    }

    static Outcome extract(ActionContext ctx) {
        String project = project(ctx);
        String file = fileName(project, ctx.data().get("file").textValue());
        List<Violation> violations = new ArrayList<>();
        SafeName.problems(file).forEach(p -> violations.add(new Violation("$.data.file", p)));
        if (violations.isEmpty() && !file.endsWith(".md")) {
            violations.add(new Violation("$.data.file", "is not a minutes file (.md)"));
        }
        if (!violations.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "not a minutes file name", violations);
        }
        BrainPath path = BrainPath.of(FOLDER + "/" + project + "/" + file);
        byte[] bytes = ctx.brain().read(path).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND,
                "no minutes " + path, new Violation("$.data.file", "does not exist in project " + project
                + "; see notulen.list")));
        ObjectNode result = Json.object();
        result.put("path", path.value());
        ArrayNode list = result.putArray("actionPoints");
        // the file name starts with the minutes' date, which due dates without a year count from
        java.time.LocalDate date = file.length() >= 10 ? day(file.substring(0, 10)) : null;
        ActionPoints.extract(new String(bytes, StandardCharsets.UTF_8), date).forEach(p -> list.add(p.toJson()));
        return Outcome.of(result);
    }

    static Outcome requestCommit(ActionContext ctx) {
        String folder = FOLDER;
        if (ctx.data().hasNonNull("project")) {
            folder = FOLDER + "/" + project(ctx);
        }
        ObjectNode details = Json.object();
        details.put("folder", folder);
        return FolderCommitRequest.of(ctx, folder, "notulen",
                "notulen " + folder.substring(FOLDER.length()).replace("/", ""), details);
    }

    // ------------------------------------------------------------------ rules

    private static String project(ActionContext ctx) {
        String project = ctx.data().get("project").textValue();
        List<String> problems = SafeName.problems(project);
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "not a safe project name",
                    problems.stream().map(p -> new Violation("$.data.project", p)).toList());
        }
        return project;
    }

    /**
     * Where minutes go: {@code <date>-<slug>.md}, unless that file holds other minutes (another first
     * line) whose title gave the same slug; then the first of {@code -2}, {@code -3}, … that is free or
     * holds these minutes. Saving the same minutes again replaces them; different minutes never do.
     */
    private static BrainPath freePath(ActionContext ctx, String project, String date, String slug, String content) {
        String heading = firstLine(content);
        for (int n = 1; ; n++) {
            BrainPath candidate = BrainPath.of(FOLDER + "/" + project + "/" + date + "-" + slug
                    + (n == 1 ? "" : "-" + n) + ".md");
            Optional<byte[]> existing = ctx.brain().read(candidate);
            if (existing.isEmpty() || firstLine(new String(existing.get(), StandardCharsets.UTF_8)).equals(heading)) {
                return candidate;
            }
        }
    }

    /** The minutes' date a due date without a year counts from, or {@code null} when the text is no date. */
    private static java.time.LocalDate day(String text) {
        try {
            return java.time.LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /**
     * A file-name slug of a title: lower case, accents dropped, words joined by '-', at most 60
     * characters; empty when the title has no letter or digit of a-z and 0-9.
     */
    static String slug(String title) {
        String plain = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (plain.length() > 60) {
            plain = plain.substring(0, 60).replaceAll("-+$", "");
        }
        return plain;
    }

    /** Why a text cannot be stored as UTF-8 markdown: unpaired surrogates, control characters. */
    static List<String> textProblems(String text) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                problems.add("is not valid UTF-8: an unpaired surrogate at character " + i);
                break;
            }
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            problems.add("contains control characters other than tab and line breaks");
        }
        return problems;
    }

    private static boolean startsWithTitle(String markdown) {
        return markdown.stripLeading().startsWith("# ");
    }

    /** A minutes file: a safe project folder, a {@code yyyy-mm-dd-slug.md} name, valid UTF-8 within the size limit. */
    static List<Violation> validate(BrainPath path, byte[] content) {
        List<Violation> problems = new ArrayList<>();
        String[] parts = path.value().split("/");
        if (parts.length != 3) {
            return List.of(new Violation(path.value(), "minutes live in notulen/<project>/<yyyy-mm-dd>-<slug>.md"));
        }
        SafeName.problems(parts[1]).forEach(p -> problems.add(new Violation(path.value(), "project " + p)));
        if (!parts[2].matches("\\d{4}-\\d{2}-\\d{2}-[a-z0-9][a-z0-9-]*\\.md")) {
            problems.add(new Violation(path.value(), "is not named <yyyy-mm-dd>-<slug>.md"));
        } else {
            try {
                java.time.LocalDate.parse(parts[2].substring(0, 10));
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(new Violation(path.value(), "names no real date"));
            }
        }
        if (content.length > MAX_BYTES) {
            problems.add(new Violation(path.value(), "is larger than " + MAX_BYTES + " bytes"));
        }
        Optional<String> text = utf8(content);
        if (text.isEmpty()) {
            problems.add(new Violation(path.value(), "is not valid UTF-8"));
        } else {
            textProblems(text.get()).forEach(p -> problems.add(new Violation(path.value(), p)));
        }
        return problems;
    }

    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }
}

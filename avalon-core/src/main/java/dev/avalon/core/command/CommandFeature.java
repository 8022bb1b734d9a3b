package dev.avalon.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.ObjectOrText;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.event.DomainEvent;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command queue: {@code command.submit} (the {@code ACTION:} lines of a model's reply, or one command
 * given by its parts), {@code command.poll} (a system leases its pending commands), {@code command.complete}
 * (it reports the outcome; follow-ups are queued) and {@code command.list}. The {@code ACTION:} lines of
 * saved minutes and of calendar events created or changed are queued too, after their unit, as units of
 * their own ({@link #onEvent}); lines the whitelist refuses there become a {@code COMMAND_REFUSED} alert.
 * Leases that ran out are taken back on every poll and on every tick ({@link #advance}).
 */
public final class CommandFeature implements Feature {

    /** A completion of a command that is not PROCESSING (never leased, or finished already). */
    public static final ErrorCode COMMAND_NOT_PROCESSING = ErrorCode.of("COMMAND_NOT_PROCESSING");

    /** The longest text {@code command.submit} reads. */
    static final int MAX_TEXT = 65536;

    /** Lines one submit, event or minutes may queue. */
    static final int MAX_LINES = 50;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    @Override
    public String name() {
        return "command";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                ActionDefinition.fromResource("command.submit", CommandFeature::submit),
                ActionDefinition.fromResource("command.poll", CommandFeature::poll),
                ActionDefinition.fromResource("command.complete", CommandFeature::complete),
                ActionDefinition.fromResource("command.list", CommandFeature::list));
    }

    @Override
    public List<ErrorCode> errorCodes() {
        return List.of(COMMAND_NOT_PROCESSING);
    }

    private static Whitelist whitelist(ActionContext ctx) {
        return Whitelist.of(ctx.behaviourDocument());
    }

    // ------------------------------------------------------------------ intake

    /** One line read and checked: a command to queue, a duplicate of one queued, or refused with why. */
    private record Intake(String line, Command queued, Command duplicate, List<String> problems) {
    }

    /**
     * Reads {@code lines} from {@code source} against the whitelist into new commands on {@code queue};
     * nothing is written here.
     */
    private static List<Intake> read(ActionContext ctx, List<String> lines, String source, String followUpOf,
                                     CommandQueue queue) {
        Whitelist whitelist = whitelist(ctx);
        List<Intake> out = new ArrayList<>();
        CommandQueue q = queue;
        for (String raw : lines) {
            CommandLine line;
            try {
                line = CommandLine.parse(raw);
            } catch (CommandLine.SyntaxError e) {
                out.add(new Intake(raw.strip(), null, null, List.of("is not a command line " + e.getMessage()
                        + "; write ACTION: SYSTEM.ACTION key=value key=\"a value with spaces\"")));
                continue;
            }
            Whitelist.Check check = whitelist.check(line, ctx.zone());
            if (check.accepted().isEmpty()) {
                out.add(new Intake(raw.strip(), null, null, check.problems()));
                continue;
            }
            Whitelist.Accepted a = check.accepted().get();
            String canonical = new CommandLine(Optional.of(a.system()), a.action(), line.params()).render();
            String key = CanonicalJson.sha256Hex((source + "\n" + canonical).getBytes(StandardCharsets.UTF_8));
            Optional<Command> existing = q.byKey(key);
            if (existing.isPresent()) {
                out.add(new Intake(canonical, null, existing.get(), List.of()));
                continue;
            }
            Command c = new Command(ctx.ids().next("CMD"), key, a.system(), a.action(), a.params(), canonical, source,
                    CommandState.PENDING, 0, null, null, null, ctx.now(), ctx.now(), followUpOf);
            q = q.with(c);
            out.add(new Intake(canonical, c, null, List.of()));
        }
        return out;
    }

    /** Writes what {@code intakes} queued, with an audit record each; false when nothing was. */
    private static boolean queue(ActionContext ctx, CommandQueue queue, List<Intake> intakes, Outcome.Builder out) {
        CommandQueue q = queue;
        boolean any = false;
        for (Intake i : intakes) {
            if (i.queued() != null) {
                q = q.with(i.queued());
                out.audit(record(ctx, "command.queued", i.queued(), null));
                any = true;
            }
        }
        if (any) {
            out.writeJson(CommandQueue.FILE, q.toJson());
        }
        return any;
    }

    private static AuditRecord record(ActionContext ctx, String type, Command c, CommandState from) {
        ObjectNode audit = Json.object();
        audit.put("id", c.id());
        audit.put("system", c.system());
        audit.put("action", c.action());
        audit.put("source", c.source());
        audit.put("state", c.state().name());
        if (from != null) {
            audit.put("from", from.name());
        }
        audit.put("attempts", c.attempts());
        if (c.followUpOf() != null) {
            audit.put("followUpOf", c.followUpOf());
        }
        if (c.error() != null && c.state() != CommandState.PROCESSING) {
            audit.put("error", c.error());
        }
        return new AuditRecord(type, ctx.actor(), ctx.traceId(), audit);
    }

    // ------------------------------------------------------------------ actions

    private static Outcome submit(ActionContext ctx) {
        JsonNode d = ctx.data();
        boolean text = d.hasNonNull("text");
        boolean parts = d.hasNonNull("system") || d.hasNonNull("action") || d.hasNonNull("params");
        if (text == parts) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "give the text of a reply or one command's parts",
                    new Violation("$.data", text ? "has both text and system/action/params; give one of them"
                            : "give text (a reply with ACTION: lines) or system and action (with params)"));
        }
        List<String> lines;
        String source;
        String sourceId = d.hasNonNull("sourceId") ? ":" + d.get("sourceId").textValue() : "";
        if (text) {
            lines = CommandLine.linesOf(d.get("text").textValue());
            source = "reply" + sourceId;
        } else {
            if (!d.hasNonNull("system") || !d.hasNonNull("action")) {
                throw new Refusal(ErrorCode.VALIDATION_FAILED, "a command needs its system and action",
                        new Violation(d.hasNonNull("system") ? "$.data.action" : "$.data.system", "is required with params"));
            }
            lines = List.of(partsLine(d));
            source = "api" + sourceId;
        }
        if (lines.size() > MAX_LINES) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "too many ACTION: lines",
                    new Violation("$.data.text", "holds " + lines.size() + " ACTION: lines; at most " + MAX_LINES));
        }
        CommandQueue queue = CommandQueue.load(ctx.brain());
        List<Intake> intakes = read(ctx, lines, source, null, queue);
        List<Violation> refused = new ArrayList<>();
        for (int i = 0; i < intakes.size(); i++) {
            Intake in = intakes.get(i);
            for (String p : in.problems()) {
                refused.add(new Violation(text ? "$.data.text" : "$.data", "line " + (i + 1) + " \"" + in.line() + "\": " + p));
            }
        }
        if (!refused.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "nothing was queued: " + refused.size()
                    + (refused.size() == 1 ? " line is" : " lines are") + " not whitelisted", refused);
        }
        ObjectNode result = Json.object();
        ArrayNode queued = result.putArray("queued");
        ArrayNode duplicates = result.putArray("duplicates");
        for (Intake in : intakes) {
            if (in.queued() != null) {
                queued.add(in.queued().toAnswer(ctx.zone()));
            } else {
                duplicates.add(in.duplicate().toAnswer(ctx.zone()));
            }
        }
        Outcome.Builder out = Outcome.builder(result);
        queue(ctx, queue, intakes, out);
        return out.build();
    }

    /** The line a structured submit stands for, so both forms pass the same grammar and whitelist. */
    private static String partsLine(JsonNode d) {
        JsonNode params = paramsObject(d.get("params"));
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        List<Violation> problems = new ArrayList<>();
        params.fields().forEachRemaining(f -> {
            JsonNode v = f.getValue();
            if (v.isContainerNode() || v.isNull()) {
                problems.add(new Violation("$.data.params." + f.getKey(), "is not a text, number or boolean"));
            } else {
                values.put(f.getKey(), v.isTextual() ? v.textValue() : v.asText());
            }
        });
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "a parameter value is not a plain value", problems);
        }
        try {
            return new CommandLine(Optional.of(d.get("system").textValue()), d.get("action").textValue(), values).render();
        } catch (IllegalArgumentException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "not a command", new Violation("$.data.params", e.getMessage()));
        }
    }

    /** {@code params} as an object: itself, or the object its JSON text holds (for strict callers); empty when absent. */
    private static JsonNode paramsObject(JsonNode value) {
        return objectOrText(value, "$.data.params");
    }

    private static JsonNode objectOrText(JsonNode value, String path) {
        return ObjectOrText.object(value, path, "{\"messageId\":\"m-1\"}");
    }

    private static Outcome poll(ActionContext ctx) {
        JsonNode d = ctx.data();
        Whitelist whitelist = whitelist(ctx);
        String system = d.get("system").textValue();
        int max = d.path("max").asInt(10);
        int lease = d.hasNonNull("leaseSeconds") ? d.get("leaseSeconds").intValue() : whitelist.leaseSeconds();
        CommandQueue.Step step = CommandQueue.load(ctx.brain()).poll(system, max, Duration.ofSeconds(lease), ctx.now(),
                whitelist.maxAttempts());
        ObjectNode result = Json.object();
        result.put("system", system);
        ArrayNode commands = result.putArray("commands");
        CommandQueue.leased(step.moves()).forEach(c -> commands.add(c.toAnswer(ctx.zone())));
        Outcome.Builder out = Outcome.builder(result);
        record(ctx, step, out);
        return out.build();
    }

    /** The moves of {@code step} audited and written, with an alert for each command that ran out of attempts. */
    private static void record(ActionContext ctx, CommandQueue.Step step, Outcome.Builder out) {
        if (step.moves().isEmpty()) {
            return;
        }
        for (CommandQueue.Move m : step.moves()) {
            out.audit(record(ctx, m.kind(), m.command(), m.from()));
            if (m.kind().equals("command.failed")) {
                Command c = m.command();
                out.alert(new Alert(AlertLevel.IMPORTANT, "COMMAND_FAILED", "Command " + c.id() + " (" + c.system()
                        + "." + c.action() + ") failed: " + c.error(), ctx.now(),
                        Map.of("subject", "command=" + c.id(), "system", c.system())));
            }
        }
        out.writeJson(CommandQueue.FILE, step.queue().toJson());
    }

    private static Outcome complete(ActionContext ctx) {
        JsonNode d = ctx.data();
        String id = d.get("id").textValue();
        CommandState status = CommandState.valueOf(d.get("status").textValue());
        CommandQueue queue = CommandQueue.load(ctx.brain());
        Command c = queue.find(id).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND, "no command " + id,
                new Violation("$.data.id", "no command with this id; see command.list")));
        if (c.state() != CommandState.PROCESSING) {
            throw new Refusal(COMMAND_NOT_PROCESSING, "command " + id + " is " + c.state() + ", not PROCESSING",
                    new Violation("$.data.id", c.state().finished() ? "is " + c.state() + " already"
                            : "is PENDING: its lease ran out; poll it again before completing it"));
        }
        JsonNode result = d.hasNonNull("result") ? objectOrText(d.get("result"), "$.data.result") : null;
        String error = d.hasNonNull("error") ? d.get("error").textValue() : null;
        if (status == CommandState.FAILED && error == null) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "a failure needs its reason",
                    new Violation("$.data.error", "is required when status is FAILED"));
        }
        Whitelist whitelist = whitelist(ctx);
        boolean retry = status == CommandState.FAILED && d.path("retry").asBoolean(false)
                && c.attempts() < whitelist.maxAttempts();
        CommandState next = retry ? CommandState.PENDING : status;
        Command done = c.moved(next, null, c.attempts(), result, error, ctx.now());
        CommandQueue q = queue.with(done);
        ObjectNode answer = Json.object();
        answer.set("command", done.toAnswer(ctx.zone()));
        ArrayNode followUps = answer.putArray("followUps");
        Outcome.Builder out = Outcome.builder(answer);
        out.audit(record(ctx, retry ? "command.retrying" : status == CommandState.COMPLETED ? "command.completed"
                : "command.failed", done, c.state()));
        if (next.finished()) {
            List<String> lines = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Whitelist.FollowUp f : whitelist.followUps(c.system(), c.action(), next)) {
                try {
                    lines.add(filled(f.create(), done));
                } catch (IllegalArgumentException e) {
                    problems.add("follow-up \"" + f.create() + "\": " + e.getMessage());
                }
            }
            List<Intake> intakes = read(ctx, lines, "followUp:" + done.id(), done.id(), q);
            for (Intake in : intakes) {
                if (in.queued() != null) {
                    q = q.with(in.queued());
                    followUps.add(in.queued().toAnswer(ctx.zone()));
                    out.audit(record(ctx, "command.queued", in.queued(), null));
                }
                in.problems().forEach(p -> problems.add("follow-up \"" + in.line() + "\": " + p));
            }
            refusedAlert(ctx, "followUp:" + done.id(), problems, out);
        }
        return out.writeJson(CommandQueue.FILE, q.toJson()).build();
    }

    /**
     * {@code template} (a command line) with each {@code {{path}}} filled from {@code c}: {@code result.*},
     * {@code params.*}, {@code id}, {@code system}, {@code action}, {@code error}. The line is read first and
     * the values filled in each parameter, so a value with spaces or quotes cannot change the line's shape.
     *
     * @throws IllegalArgumentException when the template is no command line or names a value that is not there
     */
    static String filled(String template, Command c) {
        CommandLine line;
        try {
            line = CommandLine.parse(template.strip().startsWith(CommandLine.KEYWORD) ? template
                    : CommandLine.KEYWORD + " " + template);
        } catch (CommandLine.SyntaxError e) {
            throw new IllegalArgumentException("is not a command line " + e.getMessage());
        }
        ObjectNode facts = c.toJson();
        facts.set("result", c.result() == null ? Json.object() : c.result());
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        line.params().forEach((k, v) -> {
            Matcher m = PLACEHOLDER.matcher(v);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                JsonNode n = facts;
                for (String seg : m.group(1).split("\\.")) {
                    n = n.path(seg);
                }
                if (n.isMissingNode() || n.isNull() || n.isContainerNode()) {
                    throw new IllegalArgumentException("{{" + m.group(1) + "}} names no value of command " + c.id());
                }
                m.appendReplacement(b, Matcher.quoteReplacement(n.asText().replaceAll("\\R", " ")));
            }
            m.appendTail(b);
            params.put(k, b.toString());
        });
        return new CommandLine(line.system(), line.action(), params).render();
    }

    private static void refusedAlert(ActionContext ctx, String source, List<String> problems, Outcome.Builder out) {
        if (problems.isEmpty()) {
            return;
        }
        out.alert(new Alert(AlertLevel.IMPORTANT, "COMMAND_REFUSED", "Commands from " + source
                + " were not queued: " + String.join("; ", problems), ctx.now(), Map.of("subject", source)));
    }

    private static Outcome list(ActionContext ctx) {
        JsonNode d = ctx.data();
        String system = d.hasNonNull("system") ? d.get("system").textValue() : null;
        CommandState state = d.hasNonNull("state") ? CommandState.valueOf(d.get("state").textValue()) : null;
        int limit = d.path("limit").asInt(50);
        int offset = d.path("offset").asInt(0);
        List<Command> matching = CommandQueue.load(ctx.brain()).all().stream()
                .filter(c -> system == null || c.system().equals(system))
                .filter(c -> state == null || c.state() == state).toList();
        ObjectNode result = Json.object();
        ArrayNode list = result.putArray("commands");
        matching.stream().skip(offset).limit(limit).forEach(c -> list.add(c.toAnswer(ctx.zone())));
        result.put("total", matching.size());
        if (offset + limit < matching.size()) {
            result.put("nextOffset", offset + limit);
        } else {
            result.putNull("nextOffset");
        }
        return Outcome.of(result);
    }

    // ------------------------------------------------------------------ after other units

    /** Leases that ran out are taken back on every tick and after every changing action. */
    @Override
    public Optional<Outcome> advance(ActionContext ctx) {
        CommandQueue queue = CommandQueue.load(ctx.brain());
        if (queue.all().stream().noneMatch(c -> c.leaseExpired(ctx.now()))) {
            return Optional.empty();
        }
        CommandQueue.Step step = queue.expire(ctx.now(), whitelist(ctx).maxAttempts());
        Outcome.Builder out = Outcome.builder();
        record(ctx, step, out);
        return Optional.of(out.build());
    }

    /**
     * The {@code ACTION:} lines of a calendar event that was created or changed ({@code calendar.created},
     * {@code calendar.updated}) and of minutes that were saved ({@code minutes.saved}) are queued, with the
     * event or the minutes' path as their source, so the same line of the same event or minutes is queued
     * once however often it is saved.
     */
    @Override
    public Optional<Outcome> onEvent(ActionContext ctx, DomainEvent event) {
        String text;
        String source;
        switch (event.name()) {
            case "calendar.created", "calendar.updated" -> {
                JsonNode ev = event.data().path("event");
                text = ev.path("description").asText("");
                source = "calendar:" + ev.path("id").asText(event.data().path("id").asText());
            }
            case "minutes.saved" -> {
                String path = event.data().path("path").asText("");
                if (path.isEmpty()) {
                    return Optional.empty();
                }
                text = ctx.brain().read(BrainPath.of(path)).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
                source = "minutes:" + path;
            }
            default -> {
                return Optional.empty();
            }
        }
        List<String> lines = CommandLine.linesOf(text);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        if (lines.size() > MAX_LINES) {
            problems.add((lines.size() - MAX_LINES) + " lines past the first " + MAX_LINES + " were left out");
            lines = lines.subList(0, MAX_LINES);
        }
        CommandQueue queue = CommandQueue.load(ctx.brain());
        List<Intake> intakes = read(ctx, lines, source, null, queue);
        intakes.forEach(in -> in.problems().forEach(p -> problems.add("\"" + in.line() + "\": " + p)));
        ObjectNode result = Json.object();
        result.put("source", source);
        Outcome.Builder out = Outcome.builder(result);
        boolean queued = queue(ctx, queue, intakes, out);
        refusedAlert(ctx, source, problems, out);
        if (!queued && problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(out.build());
    }
}

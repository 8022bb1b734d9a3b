package dev.avalon.core.chatlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.time.DateTimeInput;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.Ports;
import dev.avalon.core.schema.JsonSchemas;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Chatlogs: {@code chatlog.append} adds one validated line to {@code chatlogs/<yyyy-mm-dd>.jsonl}
 * (the day of the message in the user's zone), {@code chatlog.read} pages through a day and
 * {@code chatlog.search} finds text over days; the validator checks every line of every chatlog.
 * The audit entry names the conversation and the line, not the text (which may be personal).
 */
public final class ChatlogFeature implements Feature {

    static final String FOLDER = "chatlogs";
    private static final String LINE_SCHEMA = "schema/chatlog-line.schema.json";
    private static final Pattern FILE = Pattern.compile("chatlogs/\\d{4}-\\d{2}-\\d{2}\\.jsonl");

    @Override
    public String name() {
        return "chatlog";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(ActionDefinition.fromResource("chatlog.append", ChatlogFeature::append),
                ActionDefinition.fromResource("chatlog.read", ChatlogQueries::read),
                ActionDefinition.fromResource("chatlog.search", ChatlogQueries::search));
    }

    @Override
    public Map<String, BrainValidation.FileValidator> validators(Brain brain, Ports ports) {
        return Map.of(FOLDER + "/", ChatlogFeature::validate);
    }

    static Outcome append(ActionContext ctx) {
        JsonNode d = ctx.data();
        List<Violation> violations = new ArrayList<>();
        String role = d.get("role").textValue();
        if (ChatRole.fromWire(role).isEmpty()) {
            violations.add(new Violation("$.data.role", "is not a role; the roles are " + ChatRole.wireNames()));
        }
        String text = d.get("text").textValue();
        if (hasUnpairedSurrogate(text)) {
            violations.add(new Violation("$.data.text", "is not valid UTF-8 (an unpaired surrogate)"));
        }
        Instant ts = ctx.now();
        if (d.hasNonNull("ts")) {
            ts = DateTimeInput.read(d.get("ts").textValue(), ctx.zone(), "$.data.ts", violations)
                    .map(ZonedDateTime::toInstant).orElse(ctx.now());
        }
        ObjectNode line = Json.object();
        line.put("conversationId", d.get("conversationId").textValue());
        line.put("role", role);
        line.put("text", text);
        line.put("ts", ts.toString());
        if (violations.isEmpty()) {
            violations.addAll(JsonSchemas.validate(JsonSchemas.resource(LINE_SCHEMA), line, "$.data"));
        }
        if (!violations.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the chatlog line is refused: " + violations.get(0).path()
                    + " " + violations.get(0).problem(), violations);
        }
        BrainPath path = BrainPath.of(FOLDER + "/" + ts.atZone(ctx.zone()).toLocalDate() + ".jsonl");
        byte[] existing = ctx.brain().read(path).orElse(new byte[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(existing);
        if (existing.length > 0 && existing[existing.length - 1] != '\n') {
            out.write('\n');
        }
        out.writeBytes(CanonicalJson.bytes(line));
        out.write('\n');
        byte[] bytes = out.toByteArray();
        int number = (int) new String(bytes, StandardCharsets.UTF_8).lines().count();
        ObjectNode audit = Json.object();
        audit.put("path", path.value());
        audit.put("line", number);
        audit.put("conversationId", d.get("conversationId").textValue());
        audit.put("role", role);
        ObjectNode result = Json.object();
        result.put("path", path.value());
        result.put("line", number);
        return Outcome.builder(result).write(path, bytes)
                .audit(new AuditRecord("chatlog.appended", ctx.actor(), ctx.traceId(), audit)).build();
    }

    /** Every line must be one JSON object that matches the line schema. */
    static List<Violation> validate(BrainPath path, byte[] content) {
        if (!FILE.matcher(path.value()).matches()) {
            return List.of(new Violation(path.value(), "chatlogs are named chatlogs/<yyyy-mm-dd>.jsonl"));
        }
        List<Violation> problems = new ArrayList<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return List.of(new Violation(path.value(), "is not valid UTF-8"));
        }
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String at = path.value() + ":" + (i + 1);
            if (lines.get(i).isBlank()) {
                problems.add(new Violation(at, "is an empty line"));
                continue;
            }
            try {
                JsonNode node = Json.parse(lines.get(i));
                problems.addAll(JsonSchemas.validate(JsonSchemas.resource(LINE_SCHEMA), node, at + ":$"));
            } catch (JsonProcessingException e) {
                problems.add(new Violation(at, "is not a JSON object: " + e.getOriginalMessage()));
            }
        }
        return problems;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}

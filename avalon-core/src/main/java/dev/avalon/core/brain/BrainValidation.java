package dev.avalon.core.brain;

import dev.avalon.core.layout.BrainLayout;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditProblem;
import dev.avalon.core.audit.AuditReport;
import dev.avalon.core.audit.AuditVerifier;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.schema.JsonSchemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates every file of a brain against its schema, plus behaviour.avl and the audit chain.
 * Engines of later kinds (logbook, finance …) add their own file validators through {@link #with}.
 */
public final class BrainValidation {

    /** Validates one file's bytes; returns its problems (empty when valid). */
    @FunctionalInterface
    public interface FileValidator {
        List<Violation> validate(BrainPath path, byte[] content);
    }

    private final Map<String, FileValidator> byPrefix = new LinkedHashMap<>();

    public BrainValidation() {
        byPrefix.put(BrainLayout.GOVERNANCE.value(), schema("schema/governance.schema.json"));
        byPrefix.put(BrainLayout.AUDIT_HEAD.value(), schema("schema/audit-head.schema.json"));
        byPrefix.put(BrainLayout.QUESTIONS.value(), schema("schema/questions.schema.json"));
        byPrefix.put(BrainLayout.PATCH_QUEUE.value(), schema("schema/patch-queue.schema.json"));
        byPrefix.put(BrainLayout.ALERTS.value(), schema("schema/alerts.schema.json"));
        byPrefix.put(BrainLayout.IDEMPOTENCY_FOLDER + "/", schema("schema/idempotency.schema.json"));
        byPrefix.put(BrainLayout.COMMIT_JOURNAL.value(), schema("schema/commit-journal.schema.json"));
        byPrefix.put(BrainLayout.LOGBOOK_JOURNAL_FOLDER + "/", schema("schema/logbook-week.schema.json"));
        byPrefix.put(BrainLayout.REMINDERS.value(), schema("schema/reminders.schema.json"));
        byPrefix.put(BrainLayout.SCHEDULER.value(), schema("schema/scheduler.schema.json"));
        byPrefix.put(BrainLayout.INSIGHT_FOLDER + "/", schema("schema/insight-week.schema.json"));
        byPrefix.put(BrainLayout.CALENDAR_EVENTS.value(), schema("schema/calendar-events.schema.json"));
        byPrefix.put(BrainLayout.OUTBOX.value(), schema("schema/outbox.schema.json"));
        byPrefix.put(BrainLayout.WORKFLOWS_FOLDER + "/weekclose-", schema("schema/weekclose.schema.json"));
        byPrefix.put(BrainLayout.CALENDAR_TEMPLATES.value(), schema("schema/calendar-templates.schema.json"));
    }

    /** Adds a validator for every file whose path starts with {@code prefix}. */
    public BrainValidation with(String prefix, FileValidator validator) {
        byPrefix.put(prefix, validator);
        return this;
    }

    /** A validator that parses JSON and checks it against a schema resource of avalon-core. */
    public static FileValidator schema(String resource) {
        return (path, content) -> {
            JsonNode node;
            try {
                node = Json.parse(content);
            } catch (JsonProcessingException e) {
                return List.of(new Violation(path.value(), "is not valid JSON: " + e.getOriginalMessage()));
            }
            return JsonSchemas.validate(JsonSchemas.resource(resource), node, path.value() + ":$");
        };
    }

    /**
     * The report over the whole working tree.
     *
     * @param problems every file problem, path first
     * @param audit    the audit chain report
     */
    public record Report(List<Violation> problems, AuditReport audit) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty() && audit.intact();
        }
    }

    public Report validate(Brain brain) {
        List<Violation> problems = new ArrayList<>();
        Optional<byte[]> behaviour = brain.read(BrainLayout.BEHAVIOUR);
        if (behaviour.isEmpty()) {
            problems.add(new Violation(BrainLayout.BEHAVIOUR.value(), "is missing"));
        } else {
            BehaviourCheck.of(behaviour.get()).problems()
                    .forEach(v -> problems.add(new Violation(BrainLayout.BEHAVIOUR.value() + ":" + v.path(), v.problem())));
        }
        for (BrainPath path : brain.store().list("")) {
            for (Map.Entry<String, FileValidator> e : byPrefix.entrySet()) {
                if (path.value().startsWith(e.getKey())) {
                    problems.addAll(e.getValue().validate(path, brain.read(path).orElse(new byte[0])));
                }
            }
        }
        AuditReport audit = AuditVerifier.verify(brain.auditFiles(), brain.recordedAuditHeads());
        for (AuditProblem p : audit.problems()) {
            problems.add(new Violation(p.file() + ":" + p.line(), p.problem()));
        }
        return new Report(problems, audit);
    }
}

package dev.avalon.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.time.IsoWeek;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The persisted weekclose of one ISO week: {@code state/workflows/weekclose-<yyyy>-W<ww>.json}
 * (schema {@code schema/weekclose.schema.json}). Immutable; each step writes a new version.
 *
 * @param week      the week being closed
 * @param run       1 for the first run; a run after a cancel counts up
 * @param state     where it is
 * @param startedAt when this run started
 * @param updatedAt when the last step ran
 * @param sheet     {@code {path, sha256, rows}} of the compiled logbook sheet, or null
 * @param metrics   the metrics the proposals came from ({@code WeekMetrics.toJson()}), or null
 * @param proposals the proposals in FIFO (proposal) order
 * @param behaviour {@code {oldVersion, newVersion, hashBefore, hashAfter}} when a patch was applied, or null
 * @param consentId the COMMIT_CONSENT question asked, or null
 * @param commitSha the verified commit, or null
 * @param reason    why it failed, was cancelled or left uncommitted, or null
 */
public record Weekclose(IsoWeek week, int run, WeekcloseState state, Instant startedAt, Instant updatedAt,
                        ObjectNode sheet, ObjectNode metrics, List<WeekcloseProposal> proposals, ObjectNode behaviour,
                        String consentId, String commitSha, String reason) {

    /** The workflow name in file names and in {@code context.workflow} of its commit consent. */
    public static final String WORKFLOW = "weekclose";

    public Weekclose {
        Objects.requireNonNull(week, "week");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        sheet = sheet == null ? null : sheet.deepCopy();
        metrics = metrics == null ? null : metrics.deepCopy();
        behaviour = behaviour == null ? null : behaviour.deepCopy();
        proposals = List.copyOf(proposals);
    }

    /** A new run, frozen. */
    public static Weekclose start(IsoWeek week, int run, Instant now) {
        return new Weekclose(week, run, WeekcloseState.FROZEN, now, now, null, null, List.of(), null, null, null,
                null);
    }

    /** Where the workflow of {@code week} lives. */
    public static BrainPath path(IsoWeek week) {
        return BrainPath.of(BrainLayout.WORKFLOWS_FOLDER + "/" + WORKFLOW + "-" + week + ".json");
    }

    /** The weekclose of {@code week}, if one was ever started. */
    public static Optional<Weekclose> read(Brain brain, IsoWeek week) {
        return brain.readJson(path(week)).map(Weekclose::fromJson);
    }

    /** Every weekclose in the brain, oldest week first. */
    public static List<Weekclose> all(Brain brain) {
        List<Weekclose> out = new ArrayList<>();
        String prefix = BrainLayout.WORKFLOWS_FOLDER + "/" + WORKFLOW + "-";
        for (BrainPath p : brain.list(BrainLayout.WORKFLOWS_FOLDER)) {
            if (p.value().startsWith(prefix)) {
                brain.readParsed(p, Weekclose.class, Weekclose::fromJson).ifPresent(out::add);
            }
        }
        out.sort((a, b) -> a.week().compareTo(b.week()));
        return out;
    }

    /** The open weekclose (at most one is open at a time), which freezes behaviour updates. */
    public static Optional<Weekclose> open(Brain brain) {
        return all(brain).stream().filter(w -> w.state().open()).findFirst();
    }

    public Weekclose moveTo(WeekcloseState next, Instant now) {
        return new Weekclose(week, run, next, startedAt, now, sheet, metrics, proposals, behaviour, consentId,
                commitSha, reason);
    }

    public Weekclose withSheet(ObjectNode value) {
        return new Weekclose(week, run, state, startedAt, updatedAt, value, metrics, proposals, behaviour, consentId,
                commitSha, reason);
    }

    public Weekclose withMetrics(ObjectNode value) {
        return new Weekclose(week, run, state, startedAt, updatedAt, sheet, value, proposals, behaviour, consentId,
                commitSha, reason);
    }

    public Weekclose withProposals(List<WeekcloseProposal> value) {
        return new Weekclose(week, run, state, startedAt, updatedAt, sheet, metrics, value, behaviour, consentId,
                commitSha, reason);
    }

    public Weekclose withBehaviour(ObjectNode value) {
        return new Weekclose(week, run, state, startedAt, updatedAt, sheet, metrics, proposals, value, consentId,
                commitSha, reason);
    }

    public Weekclose withConsent(String id) {
        return new Weekclose(week, run, state, startedAt, updatedAt, sheet, metrics, proposals, behaviour, id,
                commitSha, reason);
    }

    public Weekclose withCommit(String sha) {
        return new Weekclose(week, run, state, startedAt, updatedAt, sheet, metrics, proposals, behaviour, consentId,
                sha, reason);
    }

    public Weekclose withReason(String why) {
        return new Weekclose(week, run, state, startedAt, updatedAt, sheet, metrics, proposals, behaviour, consentId,
                commitSha, why);
    }

    /** The ids of the proposals that were applied, in order. */
    public List<String> appliedIds() {
        return proposals.stream().filter(p -> "APPLIED".equals(p.result())).map(p -> p.patch().id()).toList();
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("workflow", WORKFLOW);
        n.put("week", week.toString());
        n.put("run", run);
        n.put("state", state.name());
        n.put("open", state.open());
        n.put("startedAt", startedAt.toString());
        n.put("updatedAt", updatedAt.toString());
        n.set("sheet", sheet == null ? Json.object().nullNode() : sheet.deepCopy());
        n.set("metrics", metrics == null ? Json.object().nullNode() : metrics.deepCopy());
        ArrayNode list = n.putArray("proposals");
        proposals.forEach(p -> list.add(p.toJson()));
        n.set("behaviour", behaviour == null ? Json.object().nullNode() : behaviour.deepCopy());
        WeekcloseProposal.putNullable(n, "consentQuestionId", consentId);
        WeekcloseProposal.putNullable(n, "commitSha", commitSha);
        WeekcloseProposal.putNullable(n, "reason", reason);
        return n;
    }

    public static Weekclose fromJson(JsonNode n) {
        List<WeekcloseProposal> list = new ArrayList<>();
        n.path("proposals").forEach(p -> list.add(WeekcloseProposal.fromJson(p)));
        return new Weekclose(IsoWeek.parse(n.get("week").textValue()), n.path("run").asInt(1),
                WeekcloseState.valueOf(n.get("state").textValue()), Instant.parse(n.get("startedAt").textValue()),
                Instant.parse(n.get("updatedAt").textValue()), object(n, "sheet"), object(n, "metrics"), list,
                object(n, "behaviour"), WeekcloseProposal.text(n, "consentQuestionId"),
                WeekcloseProposal.text(n, "commitSha"), WeekcloseProposal.text(n, "reason"));
    }

    private static ObjectNode object(JsonNode n, String field) {
        return n.path(field).isObject() ? (ObjectNode) n.get(field) : null;
    }
}

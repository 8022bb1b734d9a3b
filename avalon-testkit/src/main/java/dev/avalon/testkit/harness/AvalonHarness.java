package dev.avalon.testkit.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Caller;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.schedule.JobReport;
import dev.avalon.core.schedule.TickReport;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.SequentialIds;
import dev.avalon.testkit.alert.RecordingAlertSink;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import org.assertj.core.api.AssertProvider;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Scripts actions against an Avalon and asserts on the answers, in the spirit of JUnit's
 * EngineTestKit: dispatch, then assert on what came back and on what the brain became.
 *
 * <pre>{@code
 * import static dev.avalon.testkit.harness.AvalonHarness.data;
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * try (AvalonHarness h = AvalonHarness.inMemory()) {
 *     var patch = data("id", "P-1", "type", "PATCH", "path", "reminderEscalationRules.threshold",
 *             "before", 3, "after", 2, "rationale", "One nudge less.", "riskLevel", "LOW", "source", "USER");
 *     var proposed = h.dispatch("behaviour.propose_patch", data("patch", patch)).assertOk();
 *     var applied = h.answer(proposed.askId(0), "JA");
 *     assertThat(applied).isOk().asksKind("COMMIT_CONSENT").hasDataAt("/newVersion", "1.0.1");
 *
 *     var before = h.snapshot();
 *     h.answer(proposed.askId(0), "JA").assertRejected(ErrorCode.QUESTION_CLOSED);
 *     h.assertUnchangedSince(before);
 *
 *     h.tickTo("2026-11-23T17:00:00+01:00").assertRan("daily-log");
 * }
 * }</pre>
 *
 * Nothing is {@code null}. Not thread-safe: one harness per test.
 */
public final class AvalonHarness implements AutoCloseable {

    private final Avalon avalon;
    private final BrainStore store;
    private final MutableClock clock;
    private final RecordingAlertSink alerts;

    private AvalonHarness(BrainStore store, MutableClock clock, Consumer<Avalon.Builder> customizer) {
        this.store = store;
        this.clock = clock;
        this.alerts = new RecordingAlertSink();
        Avalon.Builder builder = Avalon.builder().brain(store).clock(clock).alerts(alerts)
                .zone(ZoneId.of("Europe/Amsterdam")).ids(new SequentialIds());
        customizer.accept(builder);
        this.avalon = builder.build();
    }

    /** An Avalon on an in-memory brain and a manual clock at Monday 2026-11-23 08:00 Amsterdam. */
    public static AvalonHarness inMemory() {
        return on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"), b -> { });
    }

    /** An Avalon on {@code store} (e.g. a git brain) with {@code clock}; {@code customizer} may add to the builder. */
    public static AvalonHarness on(BrainStore store, MutableClock clock, Consumer<Avalon.Builder> customizer) {
        return new AvalonHarness(store, clock, customizer);
    }

    /**
     * A JSON object from key, value pairs, for an action's {@code data} without string concatenation.
     * A value may be a {@link JsonNode} (e.g. another {@code data(..)}), {@code null}, a string, number,
     * boolean, list, map or time; it is converted with Avalon's mapper. The result is a new, mutable
     * {@link ObjectNode}, so {@code .put(..)} can add to it.
     *
     * <pre>{@code
     * AvalonHarness h = AvalonHarness.inMemory();
     * h.dispatch("behaviour.get", data("path", "reminderEscalationRules.threshold"));
     * h.dispatch("behaviour.propose_patch", data("patch", data("id", "P-1", "before", 3, "after", 2)));
     * }</pre>
     *
     * @throws IllegalArgumentException when the arguments are not pairs or a key is not a string, or
     *                                  names a key twice
     */
    public static ObjectNode data(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("data(..) takes key, value pairs; got " + keysAndValues.length
                    + " arguments");
        }
        ObjectNode node = Json.object();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("argument " + i + " of data(..) must be a string key, not "
                        + keysAndValues[i]);
            }
            if (node.has(key)) {
                // Avalon refuses duplicate keys on the wire; a test should not build what cannot be sent
                throw new IllegalArgumentException("data(..) names \"" + key + "\" twice");
            }
            Object value = keysAndValues[i + 1];
            node.set(key, value instanceof JsonNode json ? json.deepCopy() : Json.valueToTree(value));
        }
        return node;
    }

    public Avalon avalon() {
        return avalon;
    }

    public BrainStore store() {
        return store;
    }

    public MutableClock clock() {
        return clock;
    }

    public RecordingAlertSink alerts() {
        return alerts;
    }

    /** Dispatches a raw envelope. */
    public Response raw(String json) {
        return new Response(avalon.dispatch(json));
    }

    /** Dispatches raw bytes as the owner. */
    public Response raw(byte[] utf8) {
        return new Response(avalon.dispatch(utf8, Caller.owner()));
    }

    /** Dispatches a whole envelope ({@code action}, {@code data}, {@code meta}) built as JSON. */
    public Response raw(JsonNode envelope) {
        return new Response(avalon.dispatch(CanonicalJson.string(Objects.requireNonNull(envelope, "envelope"))));
    }

    /** Dispatches {@code action} with {@code dataJson} as its data. */
    public Response dispatch(String action, String dataJson) {
        try {
            return dispatch(action, Json.parse(dataJson));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("test data is not JSON: " + dataJson, e);
        }
    }

    /** Dispatches {@code action} with {@code data}, e.g. one built by {@link #data(Object...)}. */
    public Response dispatch(String action, JsonNode data) {
        return raw(envelope(action, data));
    }

    /**
     * Dispatches {@code action} with {@code data} and {@code meta}, e.g. the confirmation a high-risk
     * action needs: {@code dispatch("governance.set_auto_mode", data("enabled", true), data("confirm", true))}.
     */
    public Response dispatch(String action, JsonNode data, JsonNode meta) {
        ObjectNode envelope = envelope(action, data);
        envelope.set("meta", meta.deepCopy());
        return raw(envelope);
    }

    public Response dispatch(String action) {
        return dispatch(action, Json.object());
    }

    private static ObjectNode envelope(String action, JsonNode data) {
        ObjectNode envelope = Json.object();
        envelope.put("action", Objects.requireNonNull(action, "action"));
        envelope.set("data", Objects.requireNonNull(data, "data").deepCopy());
        return envelope;
    }

    /**
     * Answers question {@code questionId} with {@code answer} through {@code question.answer}. The
     * response is returned unchecked: a refusal is an answer a test may want to see.
     *
     * <pre>{@code
     * AvalonHarness h = AvalonHarness.inMemory();
     * var proposed = h.dispatch("behaviour.propose_patch", data("patch", data("id", "P-1", "type", "PATCH",
     *         "path", "reminderEscalationRules.threshold", "before", 3, "after", 2,
     *         "rationale", "One nudge less.", "riskLevel", "LOW", "source", "USER")));
     * h.answer(proposed.askId(0), "JA").assertOk();
     * }</pre>
     */
    public Response answer(String questionId, String answer) {
        return dispatch("question.answer", data("id", questionId, "answer", answer));
    }

    /** Answers a question as listed in a response's {@code ask} or by {@code question.list}. */
    public Response answer(JsonNode question, String answer) {
        JsonNode id = question.path("id");
        if (!id.isTextual()) {
            throw new IllegalArgumentException("not a question (no text id): " + CanonicalJson.string(question));
        }
        return answer(id.asText(), answer);
    }

    /** Answers the {@code index}-th question {@code asking} asked. */
    public Response answer(Response asking, int index, String answer) {
        return answer(asking.askId(index), answer);
    }

    /**
     * Moves the clock forward to {@code instant} and runs the jobs due then, as a host's timer does
     * ({@link Avalon#tick()}). Ticking at the clock's current instant is allowed and runs what is due.
     *
     * <pre>{@code
     * AvalonHarness h = AvalonHarness.inMemory();
     * h.tickTo(Instant.parse("2026-11-23T16:00:00Z")).assertRan("daily-log");
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code instant} is before the clock's current instant,
     *                                  because Avalon's clocks never go back
     */
    public Tick tickTo(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        Instant now = clock.instant();
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("tickTo(" + instant + ") would move the clock back from " + now
                    + "; a harness clock only moves forward");
        }
        clock.setTo(instant);
        return new Tick(avalon.tick());
    }

    /** {@link #tickTo(Instant)} at an ISO-8601 date-time with offset, e.g. {@code 2026-11-23T17:00:00+01:00}. */
    public Tick tickTo(String isoOffsetDateTime) {
        return tickTo(OffsetDateTime.parse(isoOffsetDateTime).toInstant());
    }

    /** Every working-tree file and the commit log, to prove that a rejection changed nothing. */
    public Snapshot snapshot() {
        Map<String, String> files = new LinkedHashMap<>();
        for (BrainPath p : store.list("")) {
            files.put(p.value(), CanonicalJson.sha256Hex(store.read(p).orElseThrow()));
        }
        List<String> log = store.log(Integer.MAX_VALUE).stream().map(CommitInfo::sha).toList();
        return new Snapshot(files, log);
    }

    /**
     * Asserts that no working-tree file and no commit changed since {@code before}; the failure lists
     * the files added, removed and changed and the commits added or gone.
     *
     * <pre>{@code
     * AvalonHarness h = AvalonHarness.inMemory();
     * var before = h.snapshot();
     * h.dispatch("question.answer", data("id", "Q-9999", "answer", "JA")).assertRejected(ErrorCode.NOT_FOUND);
     * h.assertUnchangedSince(before);
     * }</pre>
     *
     * @return this harness
     */
    public AvalonHarness assertUnchangedSince(Snapshot before) {
        Snapshot now = snapshot();
        List<String> changes = before.changesTo(now);
        if (!changes.isEmpty()) {
            Map<String, String> subjects = new LinkedHashMap<>();
            store.log(Integer.MAX_VALUE).forEach(c -> subjects.put(c.sha(), c.message().lines().findFirst().orElse("")));
            StringBuilder message = new StringBuilder("expected the brain unchanged since the snapshot, but:");
            for (String change : changes) {
                message.append(System.lineSeparator()).append("  ").append(change);
                String sha = change.startsWith("commit added: ") ? change.substring("commit added: ".length()) : null;
                if (sha != null && subjects.containsKey(sha)) {
                    message.append(" \"").append(subjects.get(sha)).append('"');
                }
            }
            throw new AssertionError(message.toString());
        }
        return this;
    }

    @Override
    public void close() {
        avalon.close();
    }

    /**
     * Working-tree file hashes and commit ids at one moment. Two snapshots are equal when the brain
     * holds the same bytes at the same paths and the same commits.
     *
     * @param files   SHA-256 of each working-tree file by path, in path order
     * @param commits commit ids, newest first
     */
    public record Snapshot(Map<String, String> files, List<String> commits) {
        public Snapshot {
            files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
            commits = List.copyOf(commits);
        }

        /**
         * What differs in {@code later}, one readable line per difference ({@code file added: a.json},
         * {@code file removed: ..}, {@code file changed: ..}, {@code commit added: <sha>},
         * {@code commit gone: <sha>}); empty when nothing does.
         */
        public List<String> changesTo(Snapshot later) {
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            TreeSet<String> paths = new TreeSet<>(files.keySet());
            paths.addAll(later.files.keySet());
            for (String path : paths) {
                String was = files.get(path);
                String is = later.files.get(path);
                if (was == null) {
                    added.add("file added: " + path);
                } else if (is == null) {
                    removed.add("file removed: " + path);
                } else if (!was.equals(is)) {
                    changed.add("file changed: " + path);
                }
            }
            List<String> lines = new ArrayList<>(added);
            lines.addAll(removed);
            lines.addAll(changed);
            later.commits.stream().filter(c -> !commits.contains(c)).forEach(c -> lines.add("commit added: " + c));
            commits.stream().filter(c -> !later.commits.contains(c)).forEach(c -> lines.add("commit gone: " + c));
            return List.copyOf(lines);
        }
    }

    /** What one {@link #tickTo} ran, with assertions that fail with the whole report in the message. */
    public static final class Tick {
        private final TickReport report;

        Tick(TickReport report) {
            this.report = report;
        }

        public TickReport report() {
            return report;
        }

        /** The names of the jobs that ran, in run order. */
        public List<String> jobs() {
            return report.ran().stream().map(r -> r.run().job()).toList();
        }

        /** The run of {@code job}. */
        public JobReport job(String job) {
            return report.ran().stream().filter(r -> r.run().job().equals(job)).findFirst()
                    .orElseThrow(() -> new AssertionError("expected " + job + " to run, but the tick was " + this));
        }

        /** Asserts that each of {@code jobs} ran and succeeded; other jobs may have run too. */
        public Tick assertRan(String... jobs) {
            for (String job : jobs) {
                if (!job(job).ok()) {
                    throw new AssertionError("expected " + job + " to succeed, but the tick was " + this);
                }
            }
            return this;
        }

        /** Asserts that no job ran (nothing was due, or the scheduler was suspended). */
        public Tick assertNothingRan() {
            if (!report.ran().isEmpty()) {
                throw new AssertionError("expected no job to run, but the tick was " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return CanonicalJson.string(report.toJson());
        }
    }

    /**
     * One answer, with assertions that fail with the whole response in the message. AssertJ's
     * {@code assertThat(response)} gives an {@link ActionResultAssert}.
     */
    public static final class Response implements AssertProvider<ActionResultAssert> {
        private final ActionResult result;

        Response(ActionResult result) {
            this.result = result;
        }

        public ActionResult result() {
            return result;
        }

        public JsonNode json() {
            return result.toJson();
        }

        public Response assertOk() {
            if (!result.ok()) {
                throw new AssertionError("expected ok but got " + CanonicalJson.string(result.toJson()));
            }
            return this;
        }

        public Response assertRejected(dev.avalon.core.base.ErrorCode code) {
            if (!(result instanceof ActionResult.Rejected r) || r.code() != code) {
                throw new AssertionError("expected " + code + " but got " + CanonicalJson.string(result.toJson()));
            }
            return this;
        }

        /** The response's {@code data}. */
        public JsonNode data() {
            return json().path("data");
        }

        /** The id of the {@code i}-th question asked. */
        public String askId(int i) {
            JsonNode ask = json().path("ask").path(i);
            if (ask.isMissingNode()) {
                throw new AssertionError("no question " + i + " in " + CanonicalJson.string(json()));
            }
            return ask.path("id").asText();
        }

        public JsonNode ask(int i) {
            return json().path("ask").path(i);
        }

        public ActionResult.Rejected rejected() {
            if (result instanceof ActionResult.Rejected r) {
                return r;
            }
            throw new AssertionError("expected a rejection but got " + CanonicalJson.string(json()));
        }

        /** AssertJ's entry: {@code assertThat(h.dispatch(..)).isOk()}. */
        @Override
        public ActionResultAssert assertThat() {
            return ActionResultAssert.assertThat(result);
        }

        @Override
        public String toString() {
            return new String(CanonicalJson.bytes(json()), StandardCharsets.UTF_8);
        }
    }
}

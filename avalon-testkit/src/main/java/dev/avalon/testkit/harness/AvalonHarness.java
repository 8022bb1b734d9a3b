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
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.SequentialIds;
import dev.avalon.testkit.alert.RecordingAlertSink;
import dev.avalon.testkit.brain.InMemoryBrainStore;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scripts actions against an Avalon and asserts on the answers, in the spirit of JUnit's
 * EngineTestKit.
 *
 * <pre>{@code
 * AvalonHarness h = AvalonHarness.inMemory();
 * String q = h.dispatch("behaviour.propose_patch", patchJson).assertOk().askId(0);
 * h.dispatch("question.answer", "{\"id\":\"" + q + "\",\"answer\":\"JA\"}").assertOk();
 * }</pre>
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

    /** Dispatches {@code action} with {@code dataJson} as its data. */
    public Response dispatch(String action, String dataJson) {
        ObjectNode envelope = Json.object();
        envelope.put("action", action);
        try {
            envelope.set("data", Json.parse(dataJson));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("test data is not JSON: " + dataJson, e);
        }
        return new Response(avalon.dispatch(CanonicalJson.string(envelope)));
    }

    public Response dispatch(String action) {
        return dispatch(action, "{}");
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

    @Override
    public void close() {
        avalon.close();
    }

    /** Working-tree file hashes and commit ids at one moment. */
    public record Snapshot(Map<String, String> files, List<String> commits) {
    }

    /** One answer, with assertions that fail with the whole response in the message. */
    public static final class Response {
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

        @Override
        public String toString() {
            return new String(CanonicalJson.bytes(json()), StandardCharsets.UTF_8);
        }
    }
}

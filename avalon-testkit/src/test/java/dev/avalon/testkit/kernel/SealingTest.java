package dev.avalon.testkit.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.audit.AuditChain;
import dev.avalon.core.audit.AuditEntry;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.behaviour.Behaviour;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.governance.GovernanceStatus;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.FileChange;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.seal.InMemorySealKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("sealing a brain: new, from before sealing, and a seal stripped")
class SealingTest {

    static final Instant NOW = Instant.parse("2026-11-23T07:00:00Z");
    static final InMemorySealKeys KEYS = InMemorySealKeys.of("the host's key, outside the brain");

    /** A brain as Avalon wrote it before it kept evidence: default behaviour, one audit entry, the head only. */
    static InMemoryBrainStore brainFromBeforeSealing() {
        Behaviour defaults = BehaviourCheck.defaults();
        ObjectNode data = Json.object();
        data.put("version", defaults.version().toString());
        data.put("behaviourSha256", defaults.sha256());
        AuditEntry first = AuditChain.chain(AuditHead.GENESIS, NOW.minusSeconds(86_400),
                List.of(new AuditRecord("brain.initialized", "avalon", null, data))).get(0);
        ObjectNode head = Json.object();
        head.put("seq", first.seq());
        head.put("hash", first.hash());
        InMemoryBrainStore store = new InMemoryBrainStore();
        store.apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, defaults.bytes()),
                FileChange.put(AuditChain.fileFor(first.ts(), ZoneId.of("Europe/Amsterdam")), first.line()),
                FileChange.put(BrainLayout.AUDIT_HEAD, Json.pretty(head)),
                FileChange.put(BrainLayout.GOVERNANCE, Json.pretty(GovernanceStatus.initial(NOW).toJson()))));
        return store;
    }

    static JsonNode head(InMemoryBrainStore store) throws Exception {
        return Json.parse(store.read(BrainLayout.AUDIT_HEAD).orElseThrow());
    }

    static String state(AvalonHarness h) {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    @Test
    @DisplayName("a new brain on a host with a key is sealed at once, with a brain.sealed entry")
    void newBrain() throws Exception {
        InMemoryBrainStore store = new InMemoryBrainStore();
        try (AvalonHarness h = AvalonHarness.on(store, new MutableClock(NOW, ZoneId.of("UTC")), b -> b.sealKeys(KEYS))) {
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
        }
        store = store.reopen();
        assertThat(head(store).path("seal").asText()).matches("[0-9a-f]{64}");
        assertThat(new String(store.read(store.list("audit").get(0)).orElseThrow(), StandardCharsets.UTF_8))
                .contains("\"type\":\"brain.sealed\"").contains("\"evidence\":true");
    }

    @Test
    @DisplayName("a brain from before sealing is sealed once when a host with a key opens it, and verifies clean")
    void sealedOnce() throws Exception {
        InMemoryBrainStore store = brainFromBeforeSealing();
        try (AvalonHarness h = AvalonHarness.on(store, new MutableClock(NOW, ZoneId.of("UTC")), b -> b.sealKeys(KEYS))) {
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(h.alerts().at(AlertLevel.CRITICAL)).isEmpty();
            assertThat(h.dispatch("audit.verify").assertOk().data().path("intact").asBoolean()).isTrue();
        }
        store = store.reopen();
        JsonNode head = head(store);
        assertThat(head.path("seal").asText()).matches("[0-9a-f]{64}");
        assertThat(head.path("brain").asText()).matches("[0-9a-f]{64}");
        try (AvalonHarness h = AvalonHarness.on(store, new MutableClock(NOW, ZoneId.of("UTC")),
                b -> b.sealKeys(KEYS))) {
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        }
    }

    @Test
    @DisplayName("a sealed record stripped to the old form is not taken for a brain from before sealing")
    void strippedRecord() throws Exception {
        InMemoryBrainStore store = brainFromBeforeSealing();
        try (AvalonHarness h = AvalonHarness.on(store, new MutableClock(NOW, ZoneId.of("UTC")), b -> b.sealKeys(KEYS))) {
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
        }
        store = store.reopen();
        ObjectNode stripped = Json.object();
        stripped.put("seq", head(store).path("seq").asLong());
        stripped.put("hash", head(store).path("hash").asText());
        store.apply(List.of(FileChange.put(BrainLayout.AUDIT_HEAD, Json.pretty(stripped))));
        try (AvalonHarness h = AvalonHarness.on(store, new MutableClock(NOW, ZoneId.of("UTC")),
                b -> b.sealKeys(KEYS))) {
            assertThat(state(h)).isEqualTo("STATE_DR");
            assertThat(h.alerts().at(AlertLevel.CRITICAL)).anyMatch(a -> a.message().contains("state/audit-head.json")
                    && a.message().contains("seal is missing"));
        }
    }
}

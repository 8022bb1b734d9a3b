package dev.avalon.testkit.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.question.QuestionStatus;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.ForwardingBrainStore;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.sheet.InMemorySheetRenderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The dispatch chain and the step from a JA to its commit")
class KernelPipelineTest {

    private static final String NOW = "2026-11-23T08:00:00+01:00";

    private static JsonNode thresholdPatch(String id, int before, int after) {
        return data("patch", data("id", id, "type", "PATCH", "path", "reminderEscalationRules.threshold",
                "before", before, "after", after, "rationale", "Eerder een duwtje.", "riskLevel", "LOW",
                "source", "USER"));
    }

    @Nested
    @DisplayName("interceptors")
    class Interceptors {

        @Test
        @DisplayName("a host's interceptor sees every request to a known action, refusals included, with its trace id")
        void hostInterceptorSeesEverything() {
            List<String> seen = new ArrayList<>();
            try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at(NOW),
                    b -> b.interceptor((invocation, chain) -> {
                        ActionResult result = chain.proceed(invocation);
                        seen.add(invocation.action() + " " + result.ok() + " " + (invocation.traceId() != null));
                        return result;
                    }))) {
                h.dispatch("behaviour.get").assertOk();
                h.dispatch("behaviour.get", data("path", 42)).assertRejected(ErrorCode.VALIDATION_FAILED);
                h.dispatch("no.such_action").assertRejected(ErrorCode.UNKNOWN_ACTION);
            }
            assertThat(seen).containsExactly("behaviour.get true true", "behaviour.get false true");
        }

        @Test
        @DisplayName("an interceptor can refuse a request before anything runs, and nothing changes")
        void interceptorRefuses() {
            try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at(NOW),
                    b -> b.interceptor((invocation, chain) -> invocation.action().startsWith("behaviour.propose")
                            ? new ActionResult.Rejected(invocation.action(), invocation.traceId(),
                            dev.avalon.core.base.ActionError.of(ErrorCode.FORBIDDEN, "not here",
                                    new dev.avalon.core.base.Violation("$.action", "the host refuses proposals")))
                            : chain.proceed(invocation)))) {
                AvalonHarness.Snapshot before = h.snapshot();
                h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertRejected(ErrorCode.FORBIDDEN);
                h.assertUnchangedSince(before);
            }
        }

        @Test
        @DisplayName("wiring the same port twice fails the build, like a duplicate action")
        void duplicatePort() {
            assertThatThrownBy(() -> Avalon.builder().port(SheetRenderer.class, new InMemorySheetRenderer())
                    .port(SheetRenderer.class, new InMemorySheetRenderer()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SheetRenderer");
        }
    }

    @Nested
    @DisplayName("an open vocabulary")
    class OpenVocabulary {

        /** A host's feature with a question kind of its own, asked by {@code host.ask} and resolved here. */
        private Feature hostFeature(String name, QuestionKind kind, boolean registerKind) {
            JsonNode spec = data("description", "Asks the host's own question.", "scope", "behaviour:read",
                    "effect", "WRITE", "data", data("type", "object", "additionalProperties", false),
                    "result", data("type", "object"), "example", data());
            return new Feature() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public List<ActionDefinition> actions() {
                    return List.of(ActionDefinition.fromSpec(name + ".ask", spec, ctx -> Outcome.builder()
                            .ask(Question.ask(ctx.ids().next("Q"), kind, "Doorgaan?", data(), Question.JA_NEE,
                                    ctx.now(), ctx.now().plus(ctx.questionTtl()))).build()));
                }

                @Override
                public List<QuestionKind> questionKinds() {
                    return registerKind ? List.of(kind) : List.of();
                }

                @Override
                public Map<QuestionKind, QuestionResolver> resolvers() {
                    return Map.of(kind, (ctx, q, answer) -> Outcome.builder(data("heard", answer))
                            .close(q.closed(QuestionStatus.ANSWERED, answer, ctx.now())).build());
                }
            };
        }

        @Test
        @DisplayName("a host's feature adds its own question kind, asks it and resolves the answer")
        void hostQuestionKind() {
            QuestionKind kind = QuestionKind.of("HOST_CHECK");
            try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at(NOW),
                    b -> b.feature(hostFeature("host", kind, true)))) {
                String q = h.dispatch("host.ask").assertOk().askId(0);
                assertThat(h.dispatch("question.list").assertOk().data().path("questions").get(0).path("kind")
                        .asText()).isEqualTo("HOST_CHECK");
                assertThat(h.answer(q, "JA").assertOk().data().path("heard").asText()).isEqualTo("JA");
                assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean())
                        .as("a brain holding a host's question kind validates").isTrue();
            }
        }

        @Test
        @DisplayName("a kind claimed twice, or resolved without being registered, fails the build")
        void claimedTwiceOrUnregistered() {
            QuestionKind kind = QuestionKind.of("HOST_TWICE");
            assertThatThrownBy(() -> Avalon.builder().brain(new InMemoryBrainStore()).clock(MutableClock.at(NOW))
                    .alerts(a -> { }).feature(hostFeature("one", kind, true)).feature(hostFeature("two", kind, true))
                    .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOST_TWICE");
            assertThatThrownBy(() -> Avalon.builder().brain(new InMemoryBrainStore()).clock(MutableClock.at(NOW))
                    .alerts(a -> { }).feature(hostFeature("three", QuestionKind.of("HOST_UNKNOWN"), false)).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOST_UNKNOWN");
            assertThatThrownBy(() -> QuestionKind.of("host check")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("idempotency")
    class Idempotency {

        @Test
        @DisplayName("the record of a keyed request is written in the action's own unit of work")
        void recordInTheSameWrite() {
            CountingStore store = new CountingStore(new InMemoryBrainStore());
            try (AvalonHarness h = AvalonHarness.on(store, MutableClock.at(NOW), b -> { })) {
                int before = store.applies;
                h.dispatch("logbook.add_daily_entry", data("activiteit", "Offerte", "domein", "WERK", "stress", 2,
                        "motivatie", 4, "status", "done", "moveCount", 0), data("idempotencyKey", "k-1")).assertOk();
                assertThat(store.applies - before).as("one atomic write: entry, audit and idempotency record").isEqualTo(1);
                assertThat(store.lastApply).anyMatch(c -> c.path().value().startsWith("state/idempotency/"))
                        .anyMatch(c -> c.path().value().startsWith("state/logbook/"));
                AvalonHarness.Snapshot snapshot = h.snapshot();
                h.dispatch("logbook.add_daily_entry", data("activiteit", "Offerte", "domein", "WERK", "stress", 2,
                        "motivatie", 4, "status", "done", "moveCount", 0), data("idempotencyKey", "k-1")).assertOk();
                h.assertUnchangedSince(snapshot);
            }
        }
    }

    @Nested
    @DisplayName("a failed write")
    class FailedWrite {

        @Test
        @DisplayName("a write that fails keeps no answer for a replay: the same request runs again")
        void failedWriteIsNotReplayed() {
            boolean[] fail = {false};
            BrainStore failing = new ForwardingBrainStore(new InMemoryBrainStore()) {
                @Override
                public void apply(List<FileChange> changes) {
                    if (fail[0]) {
                        fail[0] = false;
                        throw new dev.avalon.core.port.BrainStoreException("the disk is full");
                    }
                    super.apply(changes);
                }
            };
            JsonNode entry = data("activiteit", "Offerte", "domein", "WERK", "stress", 2, "motivatie", 4,
                    "status", "done", "moveCount", 0);
            try (AvalonHarness h = AvalonHarness.on(failing, MutableClock.at(NOW), b -> { })) {
                fail[0] = true;
                assertThat(h.dispatch("logbook.add_daily_entry", entry, data("idempotencyKey", "k-2")).result().ok())
                        .isFalse();
                h.dispatch("logbook.add_daily_entry", entry, data("idempotencyKey", "k-2")).assertOk();
                assertThat(h.store().list("state/idempotency")).hasSize(1);
            }
        }
    }

    @Nested
    @DisplayName("a JA interrupted before the end of its commit")
    class InterruptedCommit {

        /** Proposes and approves a patch, then answers its consent JA on a store that fails at the commit. */
        private InMemoryBrainStore interrupted(boolean afterCommit) {
            InMemoryBrainStore memory = new InMemoryBrainStore();
            FailingCommitStore failing = new FailingCommitStore(memory, afterCommit);
            MutableClock clock = MutableClock.at(NOW);
            try (AvalonHarness h = AvalonHarness.on(failing, clock, b -> { })) {
                String approval = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk().askId(0);
                String consent = h.answer(approval, "JA").assertOk().askId(0);
                failing.armed = true;
                h.answer(consent, "JA").assertRejected(ErrorCode.INTERNAL_ERROR);
            }
            return memory.reopen();
        }

        @Test
        @DisplayName("stopped before the commit: the next open commits what the JA approved and the chain moves on")
        void rolledForward() {
            InMemoryBrainStore store = interrupted(false);
            try (AvalonHarness h = AvalonHarness.on(store, MutableClock.at(NOW), b -> { })) {
                assertThat(store.head()).isPresent();
                assertThat(store.head().get().trailers()).containsKey("Avalon-Consent");
                JsonNode status = h.dispatch("governance.status").assertOk().data();
                assertThat(status.path("patches").get(0).path("status").asText()).isEqualTo("COMMITTED");
                assertThat(store.read(BrainPath.of("state/commit-journal.json"))).isEmpty();
                h.dispatch("behaviour.propose_patch", thresholdPatch("P-2", 2, 4)).assertOk().askId(0);
            }
        }

        @Test
        @DisplayName("stopped after the commit: the next open records it, once")
        void recorded() {
            InMemoryBrainStore store = interrupted(true);
            String sha = store.head().orElseThrow().sha();
            try (AvalonHarness h = AvalonHarness.on(store, MutableClock.at(NOW), b -> { })) {
                assertThat(store.log(10)).extracting(CommitInfo::sha).containsOnlyOnce(sha);
                assertThat(store.head().get().sha()).isEqualTo(sha);
                JsonNode patch = h.dispatch("governance.status").assertOk().data().path("patches").get(0);
                assertThat(patch.path("status").asText()).isEqualTo("COMMITTED");
            }
        }

        @Test
        @DisplayName("the approved content changed in between: no commit, the consent is asked again")
        void askedAgain() {
            InMemoryBrainStore store = interrupted(false);
            byte[] behaviour = store.read(BrainPath.of("behaviour.avl")).orElseThrow();
            // the same rules with one more trailing newline: other bytes than the JA approved
            byte[] changed = java.util.Arrays.copyOf(behaviour, behaviour.length + 1);
            changed[behaviour.length] = '\n';
            store.apply(List.of(FileChange.put(BrainPath.of("behaviour.avl"), changed)));
            try (AvalonHarness h = AvalonHarness.on(store, MutableClock.at(NOW), b -> { })) {
                assertThat(store.head()).isEmpty();
                JsonNode open = h.dispatch("question.list").assertOk().data().path("questions");
                assertThat(open).anyMatch(q -> q.path("kind").asText().equals("COMMIT_CONSENT"));
            }
        }
    }

    /** Counts the atomic writes of the store it wraps and keeps the last one. */
    static final class CountingStore extends ForwardingBrainStore {
        int applies;
        List<FileChange> lastApply = List.of();

        CountingStore(BrainStore delegate) {
            super(delegate);
        }

        @Override
        public void apply(List<FileChange> changes) {
            applies++;
            lastApply = List.copyOf(changes);
            super.apply(changes);
        }
    }

    /** Fails the commit once armed, before or after it is made: the state a crash at that point leaves. */
    static final class FailingCommitStore extends ForwardingBrainStore {
        private final boolean after;
        boolean armed;

        FailingCommitStore(BrainStore delegate, boolean after) {
            super(delegate);
            this.after = after;
        }

        @Override
        public CommitInfo commit(CommitRequest request) {
            if (armed && !after) {
                throw new IllegalStateException("the process stops before the commit");
            }
            CommitInfo info = super.commit(request);
            if (armed) {
                throw new IllegalStateException("the process stops after the commit");
            }
            return info;
        }
    }
}

package dev.avalon.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainRemote;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.seal.InMemorySealKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A sealed brain restored from its remote onto a new machine with a key of its own: its history is
 * checked and it is adopted (a {@code brain.restored} entry, a head record sealed under the new key),
 * so it opens in STATE_NORMAL, passes every check, keeps working and keeps pushing; a restored history
 * that does not check out is frozen instead.
 */
class RestoreTest {

    static final Instant START = Instant.parse("2026-11-23T08:00:00Z");
    static final String OLD_KEY = "the first machine's key";
    static final String NEW_KEY = "the new machine's key";

    @TempDir
    Path tmp;

    static AvalonHarness open(Path brain, MutableClock clock, String key, Consumer<dev.avalon.core.Avalon.Builder> more) {
        return AvalonHarness.on(GitBrainStore.open(brain, clock), clock, b -> {
            b.sealKeys(InMemorySealKeys.of(key)).rateLimits(100_000, 100_000);
            more.accept(b);
        });
    }

    static String state(AvalonHarness h) {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    /** A sealed brain with two commits pushed to a bare repository; the bare repository. */
    Path sealedBrainOnRemote(MutableClock clock) throws Exception {
        Path remote = BrainRemoteTest.bare(tmp.resolve("remote.git"));
        Path brain = tmp.resolve("first-machine");
        try (AvalonHarness h = open(brain, clock, OLD_KEY,
                b -> b.port(BrainRemote.class, new GitBrainRemote(brain, remote.toString())))) {
            BrainRemoteTest.commit(h, 1);
            BrainRemoteTest.commit(h, 2);
            assertThat(BrainRemoteTest.remoteHead(remote)).isEqualTo(h.store().head().orElseThrow().sha());
        }
        return remote;
    }

    @Test
    @DisplayName("restored from its remote and adopted under the new machine's key: normal, verified, working")
    void restoreAndAdopt() throws Exception {
        assumeTrue(GitCli.available(), "git is on the PATH");
        MutableClock clock = new MutableClock(START, ZoneId.of("UTC"));
        Path remote = sealedBrainOnRemote(clock);
        clock.advance(Duration.ofDays(1));
        Path restored = tmp.resolve("new-machine");
        BrainClone clone = BrainClone.of(remote.toString(), restored);
        assertThat(clone.problems()).isEmpty();

        try (AvalonHarness h = open(restored, clock, NEW_KEY, b -> b.restoredFrom(remote.toString())
                .port(BrainRemote.class, new GitBrainRemote(restored, remote.toString())))) {
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(h.alerts().at(AlertLevel.CRITICAL)).isEmpty();
            JsonNode verify = h.dispatch("audit.verify").assertOk().data();
            assertThat(verify.path("intact").asBoolean()).as(verify.toString()).isTrue();
            JsonNode validate = h.dispatch("system.validate").assertOk().data();
            assertThat(validate.path("valid").asBoolean()).as(validate.toString()).isTrue();
            String log = new String(h.store().read(BrainPath.of("audit/2026.jsonl")).orElseThrow(),
                    StandardCharsets.UTF_8);
            assertThat(log).contains("\"brain.restored\"").contains(clone.head());
            assertThat(new String(h.store().read(BrainPath.of("state/audit-head.json")).orElseThrow(),
                    StandardCharsets.UTF_8)).contains("\"seal\"");

            // it keeps working: a new commit is made and pushed on top of the restored history
            String next = BrainRemoteTest.commit(h, 3);
            assertThat(BrainRemoteTest.remoteHead(remote)).isEqualTo(next);
        }
        // and it opens again as any brain does, the full evidence check included
        try (AvalonHarness h = open(restored, clock, NEW_KEY, b -> { })) {
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(h.alerts().at(AlertLevel.CRITICAL)).isEmpty();
        }
        GitCli.fsckClean(restored);
    }

    @Test
    @DisplayName("a restored brain opened without adoption has no record of its head and is frozen")
    void withoutAdoptionFrozen() throws Exception {
        assumeTrue(GitCli.available(), "git is on the PATH");
        MutableClock clock = new MutableClock(START, ZoneId.of("UTC"));
        Path remote = sealedBrainOnRemote(clock);
        Path restored = tmp.resolve("new-machine");
        BrainClone.of(remote.toString(), restored);

        try (AvalonHarness h = open(restored, clock, NEW_KEY, b -> { })) {
            assertThat(state(h)).isEqualTo("STATE_DR");
        }
    }

    @Test
    @DisplayName("a restored history that does not check out is frozen with the reason, not adopted")
    void tamperedRestoreNotAdopted() throws Exception {
        assumeTrue(GitCli.available(), "git is on the PATH");
        MutableClock clock = new MutableClock(START, ZoneId.of("UTC"));
        Path remote = sealedBrainOnRemote(clock);
        Path restored = tmp.resolve("new-machine");
        BrainClone.of(remote.toString(), restored);
        Path audit = restored.resolve("audit/2026.jsonl");
        Files.writeString(audit, Files.readString(audit).replaceFirst("\"actor\":\"", "\"actor\":\"x"));

        try (AvalonHarness h = open(restored, clock, NEW_KEY, b -> b.restoredFrom(remote.toString()))) {
            assertThat(state(h)).isEqualTo("STATE_DR");
            assertThat(h.alerts().at(AlertLevel.CRITICAL)).extracting(Alert::code).contains("RESTORE_UNVERIFIED");
            String log = new String(h.store().read(BrainPath.of("audit/2026.jsonl")).orElseThrow(),
                    StandardCharsets.UTF_8);
            assertThat(log).doesNotContain("\"brain.restored\"");
        }
    }
}

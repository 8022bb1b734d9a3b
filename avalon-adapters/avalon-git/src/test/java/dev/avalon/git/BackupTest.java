package dev.avalon.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.port.BackupStore;
import dev.avalon.core.port.BrainArchive;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Backups of a real git brain into a folder: a bundle and its manifest, the daily job with its
 * retention, {@code backup.verify} by unpacking into a scratch brain, and a restore from a bundle.
 */
class BackupTest {

    static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path tmp;

    AvalonHarness open(Path brain, MutableClock clock) {
        return AvalonHarness.on(GitBrainStore.open(brain, clock), clock,
                b -> b.port(BrainArchive.class, new GitBrainArchive(brain, tmp.resolve("scratch")))
                        .port(BackupStore.class, new FolderBackupStore(tmp.resolve("backups")))
                        .rateLimits(100_000, 100_000));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    @DisplayName("backup.run writes a git bundle and a manifest (head, behaviour version, sha256) that verify")
    void runListVerify() throws Exception {
        MutableClock clock = new MutableClock(START, ZoneId.of("UTC"));
        Path brain = tmp.resolve("brain");
        try (AvalonHarness h = open(brain, clock)) {
            h.dispatch("backup.run").assertRejected(ErrorCode.NOT_FOUND);
            BrainRemoteTest.commit(h, 1);
            String head = BrainRemoteTest.commit(h, 2);

            JsonNode made = h.dispatch("backup.run").assertOk().data().path("backup");

            assertThat(made.path("id").asText()).isEqualTo("20261123T080000Z");
            assertThat(made.path("head").asText()).isEqualTo(head);
            assertThat(made.path("behaviourVersion").asText()).matches("\\d+\\.\\d+\\.\\d+");
            Path bundle = tmp.resolve("backups/20261123T080000Z.bundle");
            assertThat(made.path("sha256").asText()).isEqualTo(sha256(Files.readAllBytes(bundle)));
            assertThat(made.path("size").asLong()).isEqualTo(Files.size(bundle));
            assertThat(tmp.resolve("backups/20261123T080000Z.json")).exists();

            JsonNode list = h.dispatch("backup.list").assertOk().data().path("backups");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).path("sha256").asText()).isEqualTo(made.path("sha256").asText());

            JsonNode verified = h.dispatch("backup.verify").assertOk().data();
            assertThat(verified.path("problems")).isEmpty();
            assertThat(verified.path("verified").asBoolean()).isTrue();
            assertThat(verified.path("objectsSound").asBoolean()).isTrue();
            assertThat(verified.path("auditIntact").asBoolean()).isTrue();
            try (Stream<Path> left = Files.list(tmp.resolve("scratch"))) {
                assertThat(left).as("the scratch brain is removed").isEmpty();
            }
            // the audit log records the backup
            assertThat(new String(h.store().read(dev.avalon.core.port.BrainPath.of("audit/2026.jsonl"))
                    .orElseThrow(), java.nio.charset.StandardCharsets.UTF_8)).contains("backup.created");

            // git itself reads the bundle: every ref, HEAD at the backed-up commit
            if (GitCli.available()) {
                GitCli.Result heads = GitCli.run(tmp, "bundle", "list-heads", bundle.toString());
                assertThat(heads.exit()).as(heads.out()).isZero();
                assertThat(heads.out()).contains(head + " HEAD", head + " refs/heads/main");
            }
        }
    }

    @Test
    @DisplayName("backup.verify finds a bundle that no longer matches its manifest or does not unpack")
    void verifyFindsDamage() throws Exception {
        MutableClock clock = new MutableClock(START, ZoneId.of("UTC"));
        Path brain = tmp.resolve("brain");
        try (AvalonHarness h = open(brain, clock)) {
            BrainRemoteTest.commit(h, 1);
            String id = h.dispatch("backup.run").assertOk().data().path("backup").path("id").asText();
            Path bundle = tmp.resolve("backups/" + id + ".bundle");
            byte[] bytes = Files.readAllBytes(bundle);
            bytes[bytes.length - 30] ^= 0x55;
            Files.write(bundle, bytes);

            JsonNode verified = h.dispatch("backup.verify", data("id", id)).assertOk().data();

            assertThat(verified.path("verified").asBoolean()).isFalse();
            assertThat(verified.path("sha256Matches").asBoolean()).isFalse();
            assertThat(verified.path("problems").toString()).contains("sha256");
            h.dispatch("backup.verify", data("id", "20200101T000000Z")).assertRejected(ErrorCode.NOT_FOUND);
        }
    }

    @Test
    @DisplayName("the daily job backs up at 03:00 and keeps 7 daily, 4 weekly, 12 monthly backups")
    void dailyJobWithRetention() throws Exception {
        MutableClock clock = new MutableClock(START, ZoneId.of("UTC"));
        Path brain = tmp.resolve("brain");
        FolderBackupStore store = new FolderBackupStore(tmp.resolve("backups"));
        try (AvalonHarness h = open(brain, clock)) {
            BrainRemoteTest.commit(h, 1);
            Instant day = START;
            for (int n = 0; n < 40; n++) {
                day = day.plus(Duration.ofDays(1));
                h.tickTo(day);
            }
            List<String> ids = store.list().stream().map(m -> m.id()).toList();
            // jobs count from the brain's creation (23 Nov 08:00Z): each tick at 08:00Z runs the 03:00 slot of
            // that day, the first on 24 Nov, the last on 2 Jan 2027
            assertThat(ids).first().isEqualTo("20261124T080000Z");
            assertThat(ids).last().isEqualTo("20270102T080000Z");
            // 7 days (27 Dec – 2 Jan), ISO weeks W53 (3 Jan would be its end; 2 Jan kept), W52 (27 Dec),
            // W51 (20 Dec), W50 (13 Dec); months Jan (2 Jan), Dec (31 Dec), Nov (30 Nov); the oldest (24 Nov)
            assertThat(ids).containsExactly("20261124T080000Z", "20261130T080000Z", "20261213T080000Z",
                    "20261220T080000Z", "20261227T080000Z", "20261228T080000Z", "20261229T080000Z",
                    "20261230T080000Z", "20261231T080000Z", "20270101T080000Z", "20270102T080000Z");
        }
    }

    @Test
    @DisplayName("a brain restores from a backup bundle on a new machine, every commit and file intact")
    void restoreFromBundle() throws Exception {
        MutableClock clock = new MutableClock(START, ZoneId.of("UTC"));
        Path brain = tmp.resolve("brain");
        String head;
        String id;
        try (AvalonHarness h = open(brain, clock)) {
            BrainRemoteTest.commit(h, 1);
            head = BrainRemoteTest.commit(h, 2);
            id = h.dispatch("backup.run").assertOk().data().path("backup").path("id").asText();
        }

        BrainClone restored = BrainClone.of(tmp.resolve("backups/" + id + ".bundle").toString(),
                tmp.resolve("new-machine/brain"));

        assertThat(restored.head()).isEqualTo(head);
        assertThat(restored.problems()).isEmpty();
        assertThat(restored.directory().resolve("notulen/vsb-bestuur/2026-11-12-overleg-2.md")).exists();
        assumeTrue(GitCli.available(), "git is on the PATH");
        GitCli.fsckClean(restored.directory());
        assertThat(GitCli.run(restored.directory(), "rev-list", "--count", "HEAD").out().trim()).isEqualTo("3");
    }
}

package dev.avalon.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.schedule.TickReport;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links planted in the brain of a running Avalon on a git brain: the answer is typed (never
 * INTERNAL_ERROR), a link where the governed files live freezes the brain with a CRITICAL alert that
 * names it, and nothing outside the brain is read, written or deleted.
 */
@DisplayName("Avalon on a git brain refuses planted links with a typed answer and leaves the outside alone")
class AvalonBrainLinksTest {

    @TempDir
    Path temp;

    private Path brain;
    private Path outside;
    private Map<String, String> outsideBefore;
    private AvalonHarness h;

    @BeforeEach
    void start() throws IOException {
        brain = temp.resolve("brain");
        outside = temp.resolve("outside");
        Files.createDirectories(outside.resolve("sub"));
        Files.writeString(outside.resolve("canary.txt"), "canary\n");
        Files.writeString(outside.resolve("sub/deep.txt"), "deep canary\n");
        outsideBefore = snapshot(outside);
        MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
        h = AvalonHarness.on(GitBrainStore.open(brain, clock), clock, b -> { });
        h.dispatch("system.health").assertOk();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    @DisplayName("the reported case: .avalon/tmp linked out, then system.health and a write; the outside canary lives")
    void scratchLinkedOut() throws IOException {
        replaceWithLink(".avalon/tmp", outside);

        ActionResult health = h.dispatch("system.health").result();
        ActionResult write = h.dispatch("logbook.add_daily_entry", data("activiteit", "Offerte", "domein", "WERK",
                "stress", 2, "motivatie", 4, "status", "done", "moveCount", 0)).result();

        assertThat(outside.resolve("canary.txt")).hasContent("canary");
        assertThat(snapshot(outside)).isEqualTo(outsideBefore);
        assertThat(health.ok()).as("a read touches no scratch folder").isTrue();
        assertThat(write).isInstanceOfSatisfying(ActionResult.Rejected.class, r -> {
            assertThat(r.error().code()).isEqualTo(ErrorCode.BRAIN_FAILURE);
            assertThat(r.error().message()).startsWith(".avalon/tmp/ is a symbolic link");
        });
        assertThat(h.alerts().at(AlertLevel.CRITICAL)).as("the scratch folder holds no governed file").isEmpty();
    }

    @Test
    @DisplayName("state/ linked out: DR_ACTIVE and one CRITICAL alert naming state/, however often it is asked")
    void stateLinkedOut() throws IOException {
        replaceWithLink("state", outside);

        ActionResult first = h.dispatch("system.health").result();
        ActionResult second = h.dispatch("logbook.add_daily_entry", data("activiteit", "Offerte", "domein", "WERK",
                "stress", 2, "motivatie", 4, "status", "done", "moveCount", 0)).result();
        TickReport tick = h.avalon().tick();

        for (ActionResult r : List.of(first, second)) {
            assertThat(r).isInstanceOfSatisfying(ActionResult.Rejected.class, rejected -> {
                assertThat(rejected.error().code()).isEqualTo(ErrorCode.DR_ACTIVE);
                assertThat(rejected.error().message()).startsWith("state/ is a symbolic link");
            });
        }
        assertThat(tick.ran()).isEmpty();
        assertThat(tick.suspended()).hasValue("BRAIN_PATH_UNSAFE: state/");
        List<Alert> critical = h.alerts().at(AlertLevel.CRITICAL);
        assertThat(critical).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo("BRAIN_PATH_UNSAFE");
            assertThat(a.message()).contains("state/ is a symbolic link");
        });
        assertThat(snapshot(outside)).isEqualTo(outsideBefore);
    }

    @Test
    @DisplayName("behaviour.avl linked to a file outside: the brain goes to STATE_DR with a CRITICAL alert naming it")
    void behaviourLinkedOut() throws IOException {
        Files.delete(brain.resolve("behaviour.avl"));
        Files.createSymbolicLink(brain.resolve("behaviour.avl"), outside.resolve("canary.txt"));

        ActionResult health = h.dispatch("system.health").result();
        ActionResult again = h.dispatch("system.health").result();

        assertThat(health).isInstanceOfSatisfying(ActionResult.Rejected.class, r -> {
            assertThat(r.error().code()).isEqualTo(ErrorCode.DR_ACTIVE);
            assertThat(r.error().message()).startsWith("behaviour.avl is a symbolic link");
        });
        assertThat(again).isInstanceOfSatisfying(ActionResult.Rejected.class,
                r -> assertThat(r.error().code()).isEqualTo(ErrorCode.DR_ACTIVE));
        assertThat(h.alerts().at(AlertLevel.CRITICAL)).singleElement()
                .satisfies(a -> assertThat(a.message()).contains("behaviour.avl is a symbolic link"));
        JsonNode governance = Json.parse(h.store().read(BrainPath.of("state/governance.json")).orElseThrow());
        assertThat(governance.toString()).contains("STATE_DR").contains("BRAIN_PATH_UNSAFE");
        assertThat(snapshot(outside)).isEqualTo(outsideBefore);
    }

    @Test
    @DisplayName("a link inside audit/: DR_ACTIVE with a CRITICAL alert naming the audit file")
    void auditLinkOut() throws IOException {
        Files.createSymbolicLink(brain.resolve("audit/9999.jsonl"), outside.resolve("canary.txt"));

        ActionResult health = h.dispatch("system.health").result();

        assertThat(health).isInstanceOfSatisfying(ActionResult.Rejected.class, r -> {
            assertThat(r.error().code()).isEqualTo(ErrorCode.DR_ACTIVE);
            assertThat(r.error().message()).startsWith("audit/9999.jsonl is a symbolic link");
        });
        assertThat(h.alerts().at(AlertLevel.CRITICAL)).singleElement()
                .satisfies(a -> assertThat(a.message()).contains("audit/9999.jsonl"));
        assertThat(snapshot(outside)).isEqualTo(outsideBefore);
    }

    @Test
    @DisplayName("a content folder linked out: a typed BRAIN_FAILURE naming it, no freeze, nothing outside touched")
    void contentFolderLinkedOut() throws IOException {
        Files.createSymbolicLink(brain.resolve("finance"), outside);

        ActionResult health = h.dispatch("system.health").result();

        assertThat(health).isInstanceOfSatisfying(ActionResult.Rejected.class, r -> {
            assertThat(r.error().code()).isEqualTo(ErrorCode.BRAIN_FAILURE);
            assertThat(r.error().message()).startsWith("finance is a symbolic link");
        });
        assertThat(h.alerts().at(AlertLevel.CRITICAL)).isEmpty();
        assertThat(snapshot(outside)).isEqualTo(outsideBefore);
    }

    // ---------------------------------------------------------------- helpers

    private void replaceWithLink(String relative, Path target) throws IOException {
        Path at = brain.resolve(relative);
        if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> all = Files.walk(at)) {
                for (Path p : all.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(at.getParent());
        Files.createSymbolicLink(at, target);
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                out.put(dir.relativize(p).toString(), Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        ? Files.readString(p, StandardCharsets.ISO_8859_1) : "<folder>");
            }
        }
        return out;
    }
}

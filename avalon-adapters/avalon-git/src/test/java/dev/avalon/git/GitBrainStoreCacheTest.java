package dev.avalon.git;

import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import dev.avalon.git.internal.FileCacheBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("GitBrainStore keeps files it read in memory and still sees every change made behind its back")
class GitBrainStoreCacheTest {

    /** As if every file had been written a minute before it was read, so the store keeps it at once. */
    static final LongSupplier SETTLED = () -> System.currentTimeMillis() + 60_000;

    @TempDir
    Path dir;

    private GitBrainStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    @DisplayName("a file edited behind the store's back to another size is read anew")
    void otherSizeIsSeen() throws IOException {
        open(SETTLED);
        keep("state/governance.json", "{\"level\":1}");

        Files.writeString(dir.resolve("state/governance.json"), "{\"level\":12}");

        assertThat(text("state/governance.json")).isEqualTo("{\"level\":12}");
    }

    @Test
    @DisplayName("a file edited in place with the same size and time in the tick it was read is read anew")
    void racyEditIsSeen() throws IOException {
        open(System::currentTimeMillis);
        apply("state/governance.json", "{\"level\":1}");
        Path file = dir.resolve("state/governance.json");
        FileTime written = Files.getLastModifiedTime(file);
        assertThat(text("state/governance.json")).isEqualTo("{\"level\":1}");
        assertThat(store.cache().holds("state/governance.json")).as("too recent to be kept").isFalse();

        Files.writeString(file, "{\"level\":2}");
        Files.setLastModifiedTime(file, written);

        assertThat(text("state/governance.json")).isEqualTo("{\"level\":2}");
    }

    @Test
    @DisplayName("a file replaced by a rename with the same size and its old modification time is read anew")
    void renamedOverIsSeen() throws IOException {
        open(SETTLED);
        keep("behaviour.avl", "version: 1");
        Path file = dir.resolve("behaviour.avl");
        Path replacement = dir.resolve("behaviour.avl.new");
        Files.writeString(replacement, "version: 2");
        Files.setLastModifiedTime(replacement, Files.getLastModifiedTime(file));

        Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(text("behaviour.avl")).isEqualTo("version: 2");
    }

    @Test
    @DisplayName("a file deleted behind the store's back is neither read nor listed")
    void deletionIsSeen() throws IOException {
        open(SETTLED);
        keep("audit/2026.jsonl", "{}\n");
        assertThat(store.list("audit")).containsExactly(BrainPath.of("audit/2026.jsonl"));

        Files.delete(dir.resolve("audit/2026.jsonl"));

        assertThat(store.read(BrainPath.of("audit/2026.jsonl"))).isEmpty();
        assertThat(store.list("audit")).isEmpty();
    }

    @Test
    @DisplayName("a file put in a listed folder behind the store's back is listed")
    void fileAddedByHandIsListed() throws IOException {
        open(SETTLED);
        apply("audit/2026.jsonl", "{}\n");
        // an hour back, so that adding a file surely gives the folder another time
        Files.setLastModifiedTime(dir.resolve("audit"), FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        assertThat(store.list("audit")).containsExactly(BrainPath.of("audit/2026.jsonl"));
        assertThat(store.cache().holdsListing("audit")).isTrue();

        Files.writeString(dir.resolve("audit/2027.jsonl"), "{}\n");

        assertThat(store.list("audit")).containsExactly(BrainPath.of("audit/2026.jsonl"), BrainPath.of("audit/2027.jsonl"));
    }

    @Test
    @DisplayName("after apply, reads and listings show what it wrote and removed")
    void applyIsSeen() throws IOException {
        open(SETTLED);
        keep("state/questions.json", "[1]");
        keep("state/patch-queue.json", "[]");
        assertThat(store.list("state")).hasSize(2);

        store.apply(List.of(FileChange.put(BrainPath.of("state/questions.json"), bytes("[2]")),
                FileChange.delete(BrainPath.of("state/patch-queue.json"))));

        assertThat(text("state/questions.json")).isEqualTo("[2]");
        assertThat(store.read(BrainPath.of("state/patch-queue.json"))).isEmpty();
        assertThat(store.list("state")).containsExactly(BrainPath.of("state/questions.json"));
    }

    @Test
    @DisplayName("after restore, reads and listings show the restored commit, not what was kept before")
    void restoreIsSeen() throws IOException {
        open(SETTLED);
        apply("behaviour.avl", "version: 1");
        CommitInfo first = store.commit(new CommitRequest(List.of(BrainPath.of("behaviour.avl")), "First", Map.of(),
                Instant.parse("2026-11-23T07:00:00Z"), "Avalon"));
        keep("behaviour.avl", "version: 2");
        keep("notes.md", "later");
        assertThat(store.list("")).hasSize(2);

        store.restore(first.sha());

        assertThat(text("behaviour.avl")).isEqualTo("version: 1");
        assertThat(store.read(BrainPath.of("notes.md"))).isEmpty();
        assertThat(store.list("")).containsExactly(BrainPath.of("behaviour.avl"));
    }

    @Test
    @DisplayName("the bytes a read hands out are the caller's own, also when the file is kept")
    void readsAreCopies() throws IOException {
        open(SETTLED);
        keep("behaviour.avl", "version: 1");

        byte[] mine = store.read(BrainPath.of("behaviour.avl")).orElseThrow();
        mine[0] = 'X';

        assertThat(text("behaviour.avl")).isEqualTo("version: 1");
    }

    @Test
    @DisplayName("what an open brain keeps counts against the budget all open brains share, and closing gives it back")
    void closingGivesBackTheSharedBudget() {
        open(SETTLED);
        long before = FileCacheBudget.process().held();
        String text = "{\"level\":\"" + "x".repeat(1000) + "\"}";
        keep("state/governance.json", text);
        assertThat(FileCacheBudget.process().held()).isGreaterThanOrEqualTo(before + text.length());

        store.close();
        store = null;

        assertThat(FileCacheBudget.process().held()).isLessThanOrEqualTo(before);
    }

    private void open(LongSupplier fileClock) {
        store = GitBrainStore.open(dir, Clock.systemUTC(), fileClock);
    }

    /** Applies {@code text} at {@code path} and reads it once, so the store keeps it. */
    private void keep(String path, String text) {
        apply(path, text);
        assertThat(text(path)).isEqualTo(text);
        assertThat(store.cache().holds(path)).as("%s is kept", path).isTrue();
    }

    private void apply(String path, String text) {
        store.apply(List.of(FileChange.put(BrainPath.of(path), bytes(text))));
    }

    private String text(String path) {
        return new String(store.read(BrainPath.of(path)).orElseThrow(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

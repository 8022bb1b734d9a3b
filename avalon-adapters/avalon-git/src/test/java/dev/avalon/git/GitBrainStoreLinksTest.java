package dev.avalon.git;

import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.UnsafeBrainPathException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Links planted in a git brain, each pointing at a folder outside it that holds a canary: the store
 * refuses the link by name and leaves everything outside the brain exactly as it was.
 */
@DisplayName("GitBrainStore never follows a symbolic link out of the brain")
class GitBrainStoreLinksTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private Path brain;
    private Path outside;
    private Map<String, String> outsideBefore;
    private GitBrainStore store;

    @BeforeEach
    void plantCanaries() throws IOException {
        brain = temp.resolve("brain");
        outside = temp.resolve("outside");
        Files.createDirectories(outside.resolve("sub"));
        Files.writeString(outside.resolve("canary.txt"), "canary\n");
        Files.writeString(outside.resolve("sub/deep.txt"), "deep canary\n");
        Files.writeString(outside.resolve("governance.json"), "{\"state\":\"outside\"}\n");
        outsideBefore = snapshot(outside);
        // a brain that was used: a commit, state files, an audit file
        try (GitBrainStore first = GitBrainStore.open(brain, CLOCK)) {
            first.apply(List.of(put("behaviour.avl", "v1\n"), put("state/governance.json", "{}\n"),
                    put("audit/2026.jsonl", "{}\n"), put("finance/ledger.json", "[]\n")));
            first.commit(new CommitRequest(List.of(BrainPath.of("behaviour.avl"), BrainPath.of("state/governance.json"),
                    BrainPath.of("audit/2026.jsonl"), BrainPath.of("finance/ledger.json")), "Start", Map.of(),
                    CLOCK.instant(), "Avalon"));
        }
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // ---------------------------------------------------------------- the store's own folders

    @Test
    @DisplayName(".avalon/tmp linked out: opening refuses it by name and deletes nothing it points at")
    void scratchTempLinked() throws IOException {
        replaceWithLink(".avalon/tmp", outside);

        assertRefusedNaming(() -> GitBrainStore.open(brain, CLOCK), ".avalon/tmp/");
        assertOutsideUntouched();
        assertThat(Files.isSymbolicLink(brain.resolve(".avalon/tmp"))).as("the link is left for the user").isTrue();
    }

    @Test
    @DisplayName(".avalon/txn linked out: opening refuses it by name and deletes nothing it points at")
    void scratchJournalLinked() throws IOException {
        replaceWithLink(".avalon/txn", outside);

        assertRefusedNaming(() -> GitBrainStore.open(brain, CLOCK), ".avalon/txn/");
        assertOutsideUntouched();
    }

    @Test
    @DisplayName(".avalon linked out: opening refuses it, so the lock is not taken outside the brain")
    void scratchLinked() throws IOException {
        replaceWithLink(".avalon", outside);

        assertRefusedNaming(() -> GitBrainStore.open(brain, CLOCK), ".avalon/");
        assertOutsideUntouched();
    }

    @Test
    @DisplayName(".avalon/lock linked to a file outside: opening refuses it and neither truncates nor writes the file")
    void lockLinked() throws IOException {
        Files.deleteIfExists(brain.resolve(".avalon/lock"));
        Files.createSymbolicLink(brain.resolve(".avalon/lock"), outside.resolve("canary.txt"));

        assertRefusedNaming(() -> GitBrainStore.open(brain, CLOCK), ".avalon/lock");
        assertOutsideUntouched();
    }

    @Test
    @DisplayName(".avalon/tmp linked out while the store is open: the next write refuses it and deletes nothing")
    void scratchTempLinkedWhileOpen() throws IOException {
        store = GitBrainStore.open(brain, CLOCK);
        store.apply(List.of(put("notes/a.md", "a\n")));
        replaceWithLink(".avalon/tmp", outside);

        assertRefusedNaming(() -> store.apply(List.of(put("notes/b.md", "b\n"))), ".avalon/tmp/");
        assertOutsideUntouched();
        assertThat(store.read(BrainPath.of("notes/b.md"))).isEmpty();
    }

    @Test
    @DisplayName(".avalon/txn linked out between two writes: the second write refuses it and stages nothing outside")
    void scratchJournalLinkedWhileOpen() throws IOException {
        store = GitBrainStore.open(brain, CLOCK);
        store.apply(List.of(put("notes/a.md", "a\n")));
        replaceWithLink(".avalon/txn", outside);

        assertRefusedNaming(() -> store.apply(List.of(put("notes/b.md", "b\n"))), ".avalon/txn/");
        assertOutsideUntouched();
    }

    @Test
    @DisplayName("a unit of work in the journal that is a link is refused, not replayed")
    void journalUnitLinked() throws IOException {
        Path fake = temp.resolve("fake-unit");
        Files.createDirectories(fake);
        Files.writeString(fake.resolve("manifest"), "avalon-unit-of-work 1\nput p0 notes/planted.md\nend 1\n");
        Files.writeString(fake.resolve("p0"), "planted\n");
        Files.createDirectories(brain.resolve(".avalon/txn"));
        Files.createSymbolicLink(brain.resolve(".avalon/txn/unit-1"), fake);

        assertRefusedNaming(() -> GitBrainStore.open(brain, CLOCK), ".avalon/txn/unit-1/");
        assertThat(brain.resolve("notes/planted.md")).doesNotExist();
        assertThat(fake.resolve("p0")).hasContent("planted");
    }

    @Test
    @DisplayName("a staged file that is a link is not moved into the brain when a unit is finished")
    void stagedFileLinked() throws IOException {
        Path unit = brain.resolve(".avalon/txn/unit-1");
        Files.createDirectories(unit);
        Files.writeString(unit.resolve("manifest"), "avalon-unit-of-work 1\nput p0 notes/planted.md\nend 1\n");
        Files.createSymbolicLink(unit.resolve("p0"), outside.resolve("canary.txt"));

        assertRefusedNaming(() -> GitBrainStore.open(brain, CLOCK), ".avalon/txn/unit-1/p0");
        assertThat(brain.resolve("notes/planted.md")).doesNotExist();
        assertOutsideUntouched();
    }

    @Test
    @DisplayName(".git linked out: opening refuses it by name")
    void gitLinked() throws IOException {
        Path movedRepo = temp.resolve("repo");
        Files.move(brain.resolve(".git"), movedRepo);
        Files.createSymbolicLink(brain.resolve(".git"), movedRepo);
        Map<String, String> repoBefore = snapshot(movedRepo);

        assertRefusedNaming(() -> GitBrainStore.open(brain, CLOCK), ".git/");
        assertThat(snapshot(movedRepo)).isEqualTo(repoBefore);
    }

    @Test
    @DisplayName(".gitignore linked to a file outside: opening refuses it instead of copying that file into the brain")
    void ignoreLinked() throws IOException {
        Files.delete(brain.resolve(".gitignore"));
        Files.createSymbolicLink(brain.resolve(".gitignore"), outside.resolve("canary.txt"));

        assertRefusedNaming(() -> GitBrainStore.open(brain, CLOCK), ".gitignore");
        assertOutsideUntouched();
        assertThat(Files.isSymbolicLink(brain.resolve(".gitignore"))).isTrue();
    }

    // ---------------------------------------------------------------- brain files and folders

    @Test
    @DisplayName("a content folder linked out: reads, listings and writes refuse it by name; nothing lands outside")
    void contentFolderLinked() throws IOException {
        replaceWithLink("finance", outside);
        store = GitBrainStore.open(brain, CLOCK);

        assertRefusedNaming(() -> store.read(BrainPath.of("finance/canary.txt")), "finance/");
        assertRefusedNaming(() -> store.stamp(BrainPath.of("finance/canary.txt")), "finance/");
        assertRefusedNaming(() -> store.list("finance"), "finance/");
        assertRefusedNaming(() -> store.list(""), "finance");
        assertRefusedNaming(() -> store.uncommitted(), "finance");
        assertRefusedNaming(() -> store.apply(List.of(put("finance/new.json", "{}\n"))), "finance/");
        assertRefusedNaming(() -> store.apply(List.of(FileChange.delete(BrainPath.of("finance/canary.txt")))),
                "finance/");
        assertRefusedNaming(() -> store.commit(new CommitRequest(List.of(BrainPath.of("finance/canary.txt")), "x",
                Map.of(), CLOCK.instant(), "Avalon")), "finance/");
        assertOutsideUntouched();
    }

    @Test
    @DisplayName("state/ linked out: reading state/governance.json refuses it by name and never reads the outside file")
    void stateFolderLinked() throws IOException {
        replaceWithLink("state", outside);
        store = GitBrainStore.open(brain, CLOCK);

        assertRefusedNaming(() -> store.read(BrainPath.of("state/governance.json")), "state/");
        assertRefusedNaming(() -> store.apply(List.of(put("state/governance.json", "{\"state\":\"STATE_DR\"}\n"))),
                "state/");
        assertOutsideUntouched();
    }

    @Test
    @DisplayName("behaviour.avl linked to a file outside: read, write and commit refuse it by name; the file is untouched")
    void behaviourFileLinked() throws IOException {
        Files.delete(brain.resolve("behaviour.avl"));
        Files.createSymbolicLink(brain.resolve("behaviour.avl"), outside.resolve("canary.txt"));
        store = GitBrainStore.open(brain, CLOCK);

        assertRefusedNaming(() -> store.read(BrainPath.of("behaviour.avl")), "behaviour.avl");
        assertRefusedNaming(() -> store.apply(List.of(put("behaviour.avl", "v2\n"))), "behaviour.avl");
        assertRefusedNaming(() -> store.apply(List.of(FileChange.delete(BrainPath.of("behaviour.avl")))),
                "behaviour.avl");
        assertRefusedNaming(() -> store.commit(new CommitRequest(List.of(BrainPath.of("behaviour.avl")), "x",
                Map.of(), CLOCK.instant(), "Avalon")), "behaviour.avl");
        assertOutsideUntouched();
        assertThat(Files.isSymbolicLink(brain.resolve("behaviour.avl"))).as("the link is left for the user").isTrue();
    }

    @Test
    @DisplayName("state/governance.json linked to a file outside: read refuses it by name, also after it was read as a file")
    void stateFileLinked() throws IOException {
        store = GitBrainStore.open(brain, CLOCK);
        assertThat(store.read(BrainPath.of("state/governance.json"))).isPresent();
        Files.delete(brain.resolve("state/governance.json"));
        Files.createSymbolicLink(brain.resolve("state/governance.json"), outside.resolve("governance.json"));

        assertRefusedNaming(() -> store.read(BrainPath.of("state/governance.json")), "state/governance.json");
        assertRefusedNaming(() -> store.apply(List.of(put("state/governance.json", "{}\n"))), "state/governance.json");
        assertOutsideUntouched();
    }

    @Test
    @DisplayName("a link inside audit/: listing audit/ names it instead of skipping it silently")
    void linkInsideAudit() throws IOException {
        Files.createSymbolicLink(brain.resolve("audit/2027.jsonl"), outside.resolve("canary.txt"));
        store = GitBrainStore.open(brain, CLOCK);

        assertRefusedNaming(() -> store.list("audit"), "audit/2027.jsonl");
        assertRefusedNaming(() -> store.read(BrainPath.of("audit/2027.jsonl")), "audit/2027.jsonl");
        assertRefusedNaming(() -> store.apply(List.of(put("audit/2027.jsonl", "{}\n"))), "audit/2027.jsonl");
        assertOutsideUntouched();
    }

    @Test
    @DisplayName("state/ replaced by a link between two writes of an open store: the second write refuses it")
    void folderLinkedBetweenWrites() throws IOException {
        store = GitBrainStore.open(brain, CLOCK);
        store.apply(List.of(put("state/a.json", "{}\n")));
        assertThat(store.read(BrainPath.of("state/a.json"))).isPresent();
        replaceWithLink("state", outside);

        assertRefusedNaming(() -> store.apply(List.of(put("state/b.json", "{}\n"))), "state/");
        assertRefusedNaming(() -> store.read(BrainPath.of("state/a.json")), "state/");
        assertOutsideUntouched();
    }

    @Test
    @DisplayName("a restore refuses a link in the working tree instead of deleting or following it")
    void restoreRefusesLink() throws IOException {
        store = GitBrainStore.open(brain, CLOCK);
        String start = store.head().orElseThrow().sha();
        Files.createSymbolicLink(brain.resolve("notes"), outside);

        assertRefusedNaming(() -> store.restore(start), "notes");
        assertOutsideUntouched();
        assertThat(Files.isSymbolicLink(brain.resolve("notes"))).isTrue();
    }

    // ---------------------------------------------------------------- what is allowed

    @Test
    @DisplayName("a brain opened through a link is resolved once: the store works in the real folder")
    void brainGivenAsLink() throws IOException {
        Path alias = temp.resolve("alias");
        Files.createSymbolicLink(alias, brain);
        store = GitBrainStore.open(alias, CLOCK);

        store.apply(List.of(put("notes/a.md", "a\n")));

        assertThat(store.directory()).isEqualTo(brain.toRealPath());
        assertThat(brain.resolve("notes/a.md")).hasContent("a");
        assertThat(store.read(BrainPath.of("notes/a.md"))).hasValueSatisfying(b ->
                assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("a\n"));
    }

    @Test
    @DisplayName("a hard link is an ordinary file: it reads, and a write replaces the brain's name without changing the other")
    void hardLinkIsAFile() throws IOException {
        Files.createDirectories(brain.resolve("notes"));
        Files.createLink(brain.resolve("notes/shared.md"), outside.resolve("canary.txt"));
        store = GitBrainStore.open(brain, CLOCK);

        assertThat(store.read(BrainPath.of("notes/shared.md"))).hasValueSatisfying(b ->
                assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("canary\n"));
        store.apply(List.of(put("notes/shared.md", "mine\n")));

        assertThat(brain.resolve("notes/shared.md")).hasContent("mine");
        assertOutsideUntouched();
    }

    // ---------------------------------------------------------------- helpers

    private static FileChange put(String path, String content) {
        return FileChange.put(BrainPath.of(path), content.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces the brain's {@code relative} (a folder or nothing) by a link to {@code target}. */
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

    private static void assertRefusedNaming(ThrowingCallable call, String path) {
        assertThatThrownBy(call).isInstanceOf(UnsafeBrainPathException.class)
                .isInstanceOf(BrainStoreException.class)
                .hasMessageStartingWith(path + " is a symbolic link; Avalon does not follow links out of the brain")
                .satisfies(e -> assertThat(((UnsafeBrainPathException) e).path()).isEqualTo(path));
    }

    /** The outside folder holds what it held: the same names with the same contents, nothing added. */
    private void assertOutsideUntouched() throws IOException {
        assertThat(snapshot(outside)).isEqualTo(outsideBefore);
        try (Stream<Path> top = Files.list(temp)) {
            assertThat(top.map(p -> p.getFileName().toString()))
                    .as("nothing written next to the brain")
                    .allMatch(n -> List.of("brain", "outside", "repo", "fake-unit", "alias").contains(n));
        }
    }

    /** Every file and folder under {@code dir} by relative name, with the contents of each file. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                String name = dir.relativize(p).toString();
                out.put(name, Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        ? Files.readString(p, StandardCharsets.ISO_8859_1) : "<folder>");
            }
        }
        return out;
    }
}

package dev.avalon.testkit.contract;

import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.RestoreResult;
import dev.avalon.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link BrainStore} must have. An implementation's test extends this class and
 * says how to open a new brain and how to open the same brain again:
 *
 * <pre>{@code
 * class GitBrainStoreTest extends BrainStoreContract {
 *     Path dir = Files.createTempDirectory("brain");   // in practice a JUnit temporary folder
 *
 *     protected BrainStore newStore(Clock clock) {
 *         return GitBrainStore.open(dir, clock);
 *     }
 *
 *     protected BrainStore reopen(BrainStore previous) {
 *         previous.close();
 *         return GitBrainStore.open(dir, clock);   // the clock this contract keeps
 *     }
 * }
 * }</pre>
 *
 * Rules the port leaves to the implementation are fixed here so every store agrees: a batch that
 * names a path twice, or would make a path both a file and a folder, is refused with an
 * {@link IllegalArgumentException} and changes nothing; a commit whose tree would have such a path is
 * refused the same way; an unknown commit is an {@link IllegalArgumentException}; a trailer must be one
 * line; commit times are whole seconds; side refs are named
 * {@code refs/avalon/dr/<yyyyMMdd'T'HHmmss'Z'>} from the store's
 * clock; a closed store refuses every call with a {@link BrainStoreException}.
 *
 * <p>The tests are grouped by theme in {@code @Nested} classes ({@code Reads}, {@code Apply},
 * {@code Commits}, {@code History}, {@code Restore}, {@code Lifetime}, {@code Model} and
 * {@code PathRules}); JUnit runs them for every subclass, as part of its own test class, with the
 * subclass's set-up.
 */
public abstract class BrainStoreContract {

    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String UNKNOWN_SHA = "0123456789abcdef0123456789abcdef01234567";

    /** The clock the store under test was opened with; tests move it between commits. */
    protected MutableClock clock;

    /** The store under test; a test that reopens the brain replaces it. */
    protected BrainStore store;

    /**
     * A store on a new, empty brain.
     *
     * @param clock the clock for the times the store picks itself (the commit a restore keeps aside)
     */
    protected abstract BrainStore newStore(Clock clock);

    /**
     * Closes {@code previous} and opens the same brain again, as a host does after a restart. The
     * new store uses the same clock as {@code previous}.
     */
    protected abstract BrainStore reopen(BrainStore previous);

    @BeforeEach
    void openNewBrain() {
        clock = MutableClock.at("2026-11-23T08:00:00+01:00");
        store = newStore(clock);
    }

    @AfterEach
    void closeBrain() {
        if (store != null) {
            store.close();
        }
    }

    @Nested
    @DisplayName("stamps: a store vouches for unchanged files and folders, or says nothing")
    class Stamps {

        @Test
        @DisplayName("a stamp never stays the same across a change of the file or of the folder's listing")
        void stampsChangeWithContent() {
            write("state/a.json", "{\"n\":1}");
            Optional<Object> file = store.stamp(path("state/a.json"));
            Optional<Object> folder = store.folderStamp("state");
            store.list("state");
            write("state/a.json", "{\"n\":2}");
            write("state/b.json", "{}");
            Optional<Object> fileAfter = store.stamp(path("state/a.json"));
            Optional<Object> folderAfter = store.folderStamp("state");
            if (file.isPresent() && fileAfter.isPresent()) {
                assertThat(fileAfter).as("the stamp of a changed file").isNotEqualTo(file);
            }
            if (folder.isPresent() && folderAfter.isPresent()) {
                assertThat(folderAfter).as("the stamp of a folder with a new file").isNotEqualTo(folder);
            }
            assertThat(store.stamp(path("state/missing.json"))).as("an absent file's stamp, if any, differs from a file's")
                    .isNotEqualTo(fileAfter.isPresent() ? fileAfter : Optional.of(new Object()));
        }

        @Test
        @DisplayName("equal stamps at two moments mean equal content")
        void equalStampsEqualContent() {
            write("state/a.json", "{\"n\":1}");
            Optional<Object> first = store.stamp(path("state/a.json"));
            byte[] before = store.read(path("state/a.json")).orElseThrow();
            Optional<Object> second = store.stamp(path("state/a.json"));
            if (first.isPresent() && second.isPresent() && first.equals(second)) {
                assertThat(store.read(path("state/a.json")).orElseThrow()).isEqualTo(before);
            }
        }
    }

    @Nested
    @DisplayName("reading the working tree")
    class Reads {

        @Test
        @DisplayName("a new brain has no files, no head, no log and nothing uncommitted")
        void newBrainIsEmpty() {
            assertThat(store.list("")).isEmpty();
            assertThat(store.head()).isEmpty();
            assertThat(store.log(10)).isEmpty();
            assertThat(store.uncommitted()).isEmpty();
            assertThat(store.read(path("behaviour.avl"))).isEmpty();
        }

        @Test
        @DisplayName("read returns exactly what apply wrote, and nothing for a file that does not exist")
        void readReturnsWhatWasApplied() {
            write("behaviour.avl", "version: 1.0.0\n");
            assertThat(text("behaviour.avl")).isEqualTo("version: 1.0.0\n");
            assertThat(store.read(path("missing.json"))).isEmpty();
            assertThat(store.read(path("behaviour.avl/child"))).isEmpty();
        }

        @Test
        @DisplayName("bytes are kept exactly: line endings, binary content and empty files")
        void bytesAreKeptExactly() {
            byte[] crlf = bytes("line one\r\nline two\r\n");
            byte[] lone = bytes("cr\ronly\n\n");
            byte[] binary = new byte[512];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) i;
            }
            store.apply(List.of(FileChange.put(path("notes/windows.txt"), crlf),
                    FileChange.put(path("notes/lone.txt"), lone),
                    FileChange.put(path("finance/sheet.xlsx"), binary),
                    FileChange.put(path("empty.json"), new byte[0])));

            assertThat(store.read(path("notes/windows.txt"))).hasValue(crlf);
            assertThat(store.read(path("notes/lone.txt"))).hasValue(lone);
            assertThat(store.read(path("finance/sheet.xlsx"))).hasValue(binary);
            assertThat(store.read(path("empty.json"))).hasValue(new byte[0]);

            CommitInfo c = commit("Exact bytes", "notes/windows.txt", "notes/lone.txt", "finance/sheet.xlsx", "empty.json");
            assertThat(store.readAt(c.sha(), path("notes/windows.txt"))).hasValue(crlf);
            assertThat(store.readAt(c.sha(), path("finance/sheet.xlsx"))).hasValue(binary);
            assertThat(store.readAt(c.sha(), path("empty.json"))).hasValue(new byte[0]);
            assertThat(store.contentHashes(c.sha())).containsEntry(path("notes/windows.txt"), sha256(crlf))
                    .containsEntry(path("notes/lone.txt"), sha256(lone))
                    .containsEntry(path("finance/sheet.xlsx"), sha256(binary))
                    .containsEntry(path("empty.json"), sha256(new byte[0]));
            assertThat(store.uncommitted()).isEmpty();
        }

        @Test
        @DisplayName("the bytes read are a copy: changing them does not change the brain")
        void readReturnsACopy() {
            write("a.json", "{}");
            CommitInfo c = commit("One", "a.json");
            store.read(path("a.json")).orElseThrow()[0] = 'X';
            store.readAt(c.sha(), path("a.json")).orElseThrow()[0] = 'X';
            assertThat(text("a.json")).isEqualTo("{}");
            assertThat(store.readAt(c.sha(), path("a.json")).map(BrainStoreContract::string)).hasValue("{}");
        }

        @Test
        @DisplayName("list is recursive and sorted, and a folder lists only what lies beneath it")
        void listIsSortedAndFiltered() {
            store.apply(List.of(put("b.json", "b"), put("audit/2026.jsonl", "x"), put("a/b/2.json", "2"),
                    put("ab/3.json", "3"), put("a/1.json", "1"), put("a-z.json", "z")));

            assertThat(store.list("")).containsExactly(path("a-z.json"), path("a/1.json"), path("a/b/2.json"),
                    path("ab/3.json"), path("audit/2026.jsonl"), path("b.json"));
            assertThat(store.list("a")).containsExactly(path("a/1.json"), path("a/b/2.json"));
            assertThat(store.list("a/")).containsExactly(path("a/1.json"), path("a/b/2.json"));
            assertThat(store.list("a/b")).containsExactly(path("a/b/2.json"));
            assertThat(store.list("audit")).containsExactly(path("audit/2026.jsonl"));
            assertThat(store.list("nothing")).isEmpty();
            assertThat(store.list("nothing/deeper")).isEmpty();
        }

        @Test
        @DisplayName("list refuses a folder that is not a brain path")
        void listRefusesBadFolders() {
            assertThatThrownBy(() -> store.list("../outside")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.list("/etc")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.list(".git")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("units of work")
    class Apply {

        @Test
        @DisplayName("apply overwrites and deletes; deleting a file that does not exist is not an error")
        void applyOverwritesAndDeletes() {
            store.apply(List.of(put("a.json", "1"), put("b.json", "1"), put("d/c.json", "1")));
            store.apply(List.of(put("a.json", "2"), FileChange.delete(path("b.json")),
                    FileChange.delete(path("never/was.json")), FileChange.delete(path("d/c.json"))));

            assertThat(text("a.json")).isEqualTo("2");
            assertThat(store.read(path("b.json"))).isEmpty();
            assertThat(store.read(path("d/c.json"))).isEmpty();
            assertThat(store.list("")).containsExactly(path("a.json"));
            assertThat(store.list("d")).isEmpty();
        }

        @Test
        @DisplayName("apply writes every file of a large unit of work")
        void applyWritesManyFiles() {
            List<FileChange> changes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                changes.add(put("journal/2026/day-" + i + ".json", "{\"day\":" + i + "}"));
            }
            store.apply(changes);
            assertThat(store.list("journal")).hasSize(60);
            assertThat(text("journal/2026/day-42.json")).isEqualTo("{\"day\":42}");
        }

        @Test
        @DisplayName("an empty unit of work changes nothing")
        void emptyApplyChangesNothing() {
            write("a.json", "1");
            store.apply(List.of());
            assertThat(store.list("")).containsExactly(path("a.json"));
        }

        @Test
        @DisplayName("a unit of work that puts and deletes the same path is refused and changes nothing")
        void putAndDeleteOfOnePathIsRefused() {
            store.apply(List.of(put("kept.json", "old")));
            assertThatThrownBy(() -> store.apply(List.of(put("kept.json", "new"), put("other.json", "new"),
                    FileChange.delete(path("kept.json"))))).isInstanceOf(IllegalArgumentException.class);

            assertThat(text("kept.json")).isEqualTo("old");
            assertThat(store.list("")).containsExactly(path("kept.json"));
            assertThat(store.uncommitted()).containsExactly(path("kept.json"));
        }

        @Test
        @DisplayName("a unit of work that writes one path twice is refused and changes nothing")
        void twoPutsOfOnePathAreRefused() {
            assertThatThrownBy(() -> store.apply(List.of(put("a.json", "1"), put("b.json", "1"), put("a.json", "2"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.list("")).isEmpty();
        }

        @Test
        @DisplayName("a unit of work that would make a path both a file and a folder is refused and changes nothing")
        void fileAndFolderClashIsRefused() {
            store.apply(List.of(put("x", "file")));

            assertThatThrownBy(() -> store.apply(List.of(put("y.json", "1"), put("x/inside.json", "1"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.apply(List.of(put("z", "1"), put("z/inside.json", "1"))))
                    .isInstanceOf(IllegalArgumentException.class);
            store.apply(List.of(put("f/g.json", "1")));
            assertThatThrownBy(() -> store.apply(List.of(put("f", "1"))))
                    .isInstanceOf(IllegalArgumentException.class);

            assertThat(store.list("")).containsExactly(path("f/g.json"), path("x"));
            assertThat(text("x")).isEqualTo("file");
        }

        @Test
        @DisplayName("a file can become a folder, and back, when the same unit of work removes what was in the way")
        void fileBecomesFolderInOneUnit() {
            store.apply(List.of(put("x", "file")));
            store.apply(List.of(FileChange.delete(path("x")), put("x/inside.json", "1")));
            assertThat(store.list("")).containsExactly(path("x/inside.json"));

            store.apply(List.of(FileChange.delete(path("x/inside.json")), put("x", "file again")));
            assertThat(store.list("")).containsExactly(path("x"));
            assertThat(text("x")).isEqualTo("file again");
        }
    }

    @Nested
    @DisplayName("commits")
    class Commits {

        @Test
        @DisplayName("a commit becomes the head and reports its full sha, the whole message, the time and the trailers")
        void commitReportsItself() {
            write("behaviour.avl", "v1");
            Map<String, String> trailers = new LinkedHashMap<>();
            trailers.put("Avalon-Consent", "q-7");
            trailers.put("Avalon-Audit-Head", "12:9f86d081884c7d65");
            clock.advance(Duration.ofMinutes(1));
            CommitRequest request = new CommitRequest(List.of(path("behaviour.avl")), "Behaviour 1.0.0", trailers,
                    clock.instant(), "Avalon");

            CommitInfo c = store.commit(request);

            assertThat(c.sha()).matches("[0-9a-f]{40}");
            assertThat(c.message()).isEqualTo(request.message());
            assertThat(c.time()).isEqualTo(clock.instant());
            assertThat(c.trailers()).isEqualTo(trailers);
            assertThat(store.head()).hasValue(c);
            assertThat(store.log(10)).containsExactly(c);
        }

        @Test
        @DisplayName("trailers are the Key: value lines of the last paragraph only")
        void trailersComeFromTheLastParagraph() {
            write("a.json", "1");
            CommitInfo none = commitWith("Fix: a subject that looks like a trailer", Map.of(), "a.json");
            assertThat(none.trailers()).isEmpty();

            write("a.json", "2");
            CommitInfo one = commitWith("Second", Map.of("Avalon-Behaviour-Version", "1.2.3"), "a.json");
            assertThat(one.trailers()).containsExactly(Map.entry("Avalon-Behaviour-Version", "1.2.3"));
            assertThat(store.head().orElseThrow().trailers()).isEqualTo(one.trailers());
            assertThat(store.log(10).get(1).trailers()).isEmpty();
        }

        @Test
        @DisplayName("a trailer that is not one line is refused and nothing is committed")
        void multiLineTrailerIsRefused() {
            write("a.json", "1");
            assertThatThrownBy(() -> commitWith("Bad", Map.of("Avalon-Consent", "q-1\nInjected: yes"), "a.json"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> commitWith("Bad", Map.of("Not a key", "v"), "a.json"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.head()).isEmpty();
            assertThat(store.uncommitted()).containsExactly(path("a.json"));
        }

        @Test
        @DisplayName("uncommitted lists added, changed and deleted paths, sorted, by content")
        void uncommittedListsEveryDifference() {
            store.apply(List.of(put("b.json", "1"), put("a.json", "1"), put("c/d.json", "1")));
            assertThat(store.uncommitted()).containsExactly(path("a.json"), path("b.json"), path("c/d.json"));
            commit("Everything", "a.json", "b.json", "c/d.json");
            assertThat(store.uncommitted()).isEmpty();

            store.apply(List.of(put("a.json", "2"), FileChange.delete(path("b.json")), put("new.json", "1")));
            assertThat(store.uncommitted()).containsExactly(path("a.json"), path("b.json"), path("new.json"));

            write("a.json", "1");
            assertThat(store.uncommitted()).as("a file written back to its committed bytes is not a change")
                    .containsExactly(path("b.json"), path("new.json"));
        }

        @Test
        @DisplayName("a commit records exactly the requested paths; every other change stays uncommitted")
        void commitRecordsExactlyTheRequestedPaths() {
            store.apply(List.of(put("a.json", "1"), put("b.json", "1"), put("c.json", "1")));
            CommitInfo first = commit("Only a", "a.json");

            assertThat(store.readAt(first.sha(), path("a.json")).map(BrainStoreContract::string)).hasValue("1");
            assertThat(store.readAt(first.sha(), path("b.json"))).isEmpty();
            assertThat(store.contentHashes(first.sha())).containsOnlyKeys(path("a.json"));
            assertThat(store.uncommitted()).containsExactly(path("b.json"), path("c.json"));

            store.apply(List.of(put("a.json", "2"), put("b.json", "2")));
            CommitInfo second = commit("Only b", "b.json");
            assertThat(store.contentHashes(second.sha()))
                    .containsEntry(path("a.json"), sha256(bytes("1")))
                    .containsEntry(path("b.json"), sha256(bytes("2")))
                    .hasSize(2);
            assertThat(store.uncommitted()).containsExactly(path("a.json"), path("c.json"));
        }

        @Test
        @DisplayName("committing a path that is gone from the working tree records its deletion")
        void commitOfADeletedPath() {
            store.apply(List.of(put("a.json", "1"), put("b.json", "1")));
            CommitInfo first = commit("Both", "a.json", "b.json");
            store.apply(List.of(FileChange.delete(path("a.json"))));
            assertThat(store.uncommitted()).containsExactly(path("a.json"));

            CommitInfo second = commit("Remove a", "a.json");

            assertThat(store.readAt(second.sha(), path("a.json"))).isEmpty();
            assertThat(store.readAt(second.sha(), path("b.json"))).isPresent();
            assertThat(store.readAt(first.sha(), path("a.json"))).isPresent();
            assertThat(store.contentHashes(second.sha())).containsOnlyKeys(path("b.json"));
            assertThat(store.uncommitted()).isEmpty();
        }

        @Test
        @DisplayName("a commit that would record a path as both a file and a folder is refused")
        void commitWithFileFolderClashIsRefused() {
            write("x", "file");
            CommitInfo first = commit("x as a file", "x");
            store.apply(List.of(FileChange.delete(path("x")), put("x/inside.json", "1")));

            assertThatThrownBy(() -> commit("Only the new file", "x/inside.json"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.head()).hasValue(first);

            CommitInfo both = commit("Both", "x", "x/inside.json");
            assertThat(store.readAt(both.sha(), path("x"))).isEmpty();
            assertThat(store.readAt(both.sha(), path("x/inside.json"))).isPresent();
            assertThat(store.uncommitted()).isEmpty();
        }
    }

    @Nested
    @DisplayName("reading history")
    class History {

        @Test
        @DisplayName("log and history list commits newest first; history only those touching the path")
        void logAndHistoryAreNewestFirst() {
            store.apply(List.of(put("a.json", "1"), put("b.json", "1")));
            CommitInfo c1 = commit("c1", "a.json", "b.json");
            write("b.json", "2");
            CommitInfo c2 = commit("c2", "b.json");
            write("a.json", "3");
            CommitInfo c3 = commit("c3", "a.json");
            store.apply(List.of(FileChange.delete(path("a.json"))));
            CommitInfo c4 = commit("c4", "a.json");

            assertThat(store.log(10)).containsExactly(c4, c3, c2, c1);
            assertThat(store.log(2)).containsExactly(c4, c3);
            assertThat(store.log(0)).isEmpty();
            assertThat(store.head()).hasValue(c4);
            assertThat(store.history(path("a.json"))).containsExactly(c4, c3, c1);
            assertThat(store.history(path("b.json"))).containsExactly(c2, c1);
            assertThat(store.history(path("never.json"))).isEmpty();
            assertThat(List.of(c1.sha(), c2.sha(), c3.sha(), c4.sha())).doesNotHaveDuplicates();
        }

        @Test
        @DisplayName("readAt returns a file as it was in an older commit, and nothing where it did not exist")
        void readAtAnOlderCommit() {
            write("a.json", "old");
            CommitInfo c1 = commit("old", "a.json");
            store.apply(List.of(put("a.json", "new"), put("b.json", "b")));
            CommitInfo c2 = commit("new", "a.json", "b.json");
            write("a.json", "uncommitted");

            assertThat(store.readAt(c1.sha(), path("a.json")).map(BrainStoreContract::string)).hasValue("old");
            assertThat(store.readAt(c2.sha(), path("a.json")).map(BrainStoreContract::string)).hasValue("new");
            assertThat(store.readAt(c1.sha(), path("b.json"))).isEmpty();
            assertThat(store.readAt(c1.sha(), path("a.json/deeper"))).isEmpty();
        }

        @Test
        @DisplayName("contentHashes is the SHA-256 of every file the commit holds, as committed")
        void contentHashesMatchWhatWasCommitted() {
            byte[] a = bytes("{\"a\":1}\n");
            byte[] b = bytes("{\"b\":1}\n");
            store.apply(List.of(FileChange.put(path("a.json"), a), FileChange.put(path("nested/deep/b.json"), b)));
            CommitInfo c = commit("two", "a.json", "nested/deep/b.json");
            write("a.json", "changed after the commit");

            Map<BrainPath, String> hashes = store.contentHashes(c.sha());

            assertThat(hashes).containsExactlyInAnyOrderEntriesOf(Map.of(
                    path("a.json"), sha256(a),
                    path("nested/deep/b.json"), sha256(b)));
            assertThat(hashes.values()).allMatch(h -> h.matches("[0-9a-f]{64}"));
        }

        @Test
        @DisplayName("an unknown commit is refused by readAt, contentHashes and restore")
        void unknownCommitIsRefused() {
            write("a.json", "1");
            commit("one", "a.json");
            assertThatThrownBy(() -> store.readAt(UNKNOWN_SHA, path("a.json"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.contentHashes(UNKNOWN_SHA)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.restore(UNKNOWN_SHA)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.readAt("not a sha", path("a.json"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(text("a.json")).isEqualTo("1");
        }
    }

    @Nested
    @DisplayName("restore")
    class Restore {

        @Test
        @DisplayName("restore makes the working tree equal to the commit and keeps HEAD where it was")
        void restoreMakesTheWorkingTreeEqualToTheCommit() {
            store.apply(List.of(put("a.json", "1"), put("b.json", "1"), put("c.json", "1")));
            CommitInfo c1 = commit("c1", "a.json", "b.json", "c.json");
            store.apply(List.of(put("a.json", "2"), FileChange.delete(path("b.json")), put("d/d.json", "2")));
            CommitInfo c2 = commit("c2", "a.json", "b.json", "d/d.json");
            store.apply(List.of(put("a.json", "3"), FileChange.delete(path("c.json")), put("e/e.json", "3")));

            RestoreResult result = store.restore(c1.sha());

            assertThat(store.list("")).containsExactly(path("a.json"), path("b.json"), path("c.json"));
            for (String p : List.of("a.json", "b.json", "c.json")) {
                assertThat(text(p)).isEqualTo("1");
            }
            assertThat(result.restoredFrom()).isEqualTo(c1.sha());
            assertThat(result.changed()).containsExactlyInAnyOrder(path("a.json"), path("b.json"), path("c.json"),
                    path("d/d.json"), path("e/e.json"));
            assertThat(store.head()).hasValue(c2);
            assertThat(store.log(10)).containsExactly(c2, c1);
            assertThat(store.uncommitted()).as("the working tree now differs from HEAD")
                    .containsExactly(path("a.json"), path("b.json"), path("d/d.json"));
        }

        @Test
        @DisplayName("restore keeps the whole previous working tree, uncommitted files included, on a side ref")
        void restoreKeepsThePreviousStateAside() {
            store.apply(List.of(put("a.json", "1"), put("gone.json", "1")));
            CommitInfo c1 = commit("c1", "a.json", "gone.json");
            store.apply(List.of(put("a.json", "changed, never committed"), put("new/file.json", "never committed"),
                    FileChange.delete(path("gone.json"))));
            clock.advance(Duration.ofHours(1));

            RestoreResult result = store.restore(c1.sha());

            assertThat(result.asideSha()).matches("[0-9a-f]{40}").isNotEqualTo(c1.sha());
            assertThat(result.asideRef())
                    .isEqualTo("refs/avalon/dr/" + ASIDE_TIME.format(clock.instant()));
            assertThat(store.readAt(result.asideSha(), path("a.json")).map(BrainStoreContract::string))
                    .hasValue("changed, never committed");
            assertThat(store.readAt(result.asideSha(), path("new/file.json")).map(BrainStoreContract::string))
                    .hasValue("never committed");
            assertThat(store.readAt(result.asideSha(), path("gone.json"))).isEmpty();
            assertThat(store.contentHashes(result.asideSha())).containsOnlyKeys(path("a.json"), path("new/file.json"));
            assertThat(store.head()).hasValue(c1);
            assertThat(store.log(10)).containsExactly(c1);
            assertThat(store.uncommitted()).isEmpty();
        }

        @Test
        @DisplayName("keepAside keeps the whole working tree on a side ref and leaves the tree and HEAD as they are")
        void keepAsideLeavesTheTreeAsItIs() {
            store.apply(List.of(put("a.json", "1"), put("gone.json", "1")));
            CommitInfo c1 = commit("c1", "a.json", "gone.json");
            store.apply(List.of(put("a.json", "changed, never committed"), put("new/file.json", "never committed"),
                    FileChange.delete(path("gone.json"))));
            clock.advance(Duration.ofHours(1));

            RestoreResult result = store.keepAside();

            assertThat(result.restoredFrom()).isEqualTo(c1.sha());
            assertThat(result.changed()).isEmpty();
            assertThat(result.asideRef()).isEqualTo("refs/avalon/dr/" + ASIDE_TIME.format(clock.instant()));
            assertThat(store.contentHashes(result.asideSha())).containsOnlyKeys(path("a.json"), path("new/file.json"));
            assertThat(store.readAt(result.asideSha(), path("a.json")).map(BrainStoreContract::string))
                    .hasValue("changed, never committed");
            assertThat(store.list("")).containsExactly(path("a.json"), path("new/file.json"));
            assertThat(text("a.json")).isEqualTo("changed, never committed");
            assertThat(text("new/file.json")).isEqualTo("never committed");
            assertThat(store.head()).hasValue(c1);
            assertThat(store.log(10)).containsExactly(c1);
        }

        @Test
        @DisplayName("every restore keeps its own side ref, and an earlier one stays readable")
        void restoresNeverOverwriteEachOther() {
            write("a.json", "1");
            CommitInfo c1 = commit("c1", "a.json");
            write("a.json", "first aside");
            clock.advance(Duration.ofMinutes(5));
            RestoreResult first = store.restore(c1.sha());
            write("a.json", "second aside");
            clock.advance(Duration.ofMinutes(5));
            RestoreResult second = store.restore(c1.sha());

            assertThat(second.asideRef()).isNotEqualTo(first.asideRef());
            assertThat(store.readAt(first.asideSha(), path("a.json")).map(BrainStoreContract::string)).hasValue("first aside");
            assertThat(store.readAt(second.asideSha(), path("a.json")).map(BrainStoreContract::string)).hasValue("second aside");
            assertThat(text("a.json")).isEqualTo("1");
        }

        @Test
        @DisplayName("two restores in the same second keep two side refs, the second with a suffix")
        void restoresInTheSameSecond() {
            write("a.json", "1");
            CommitInfo c1 = commit("c1", "a.json");
            write("a.json", "first aside");
            RestoreResult first = store.restore(c1.sha());
            write("a.json", "second aside");
            RestoreResult second = store.restore(c1.sha());

            assertThat(first.asideRef()).isEqualTo("refs/avalon/dr/" + ASIDE_TIME.format(clock.instant()));
            assertThat(second.asideRef()).isEqualTo(first.asideRef() + "-2");
            assertThat(store.readAt(first.asideSha(), path("a.json")).map(BrainStoreContract::string)).hasValue("first aside");
            assertThat(store.readAt(second.asideSha(), path("a.json")).map(BrainStoreContract::string)).hasValue("second aside");
        }

        @Test
        @DisplayName("restoring the state the working tree is already in changes nothing but still keeps it aside")
        void restoreOfTheCurrentState() {
            write("a.json", "1");
            CommitInfo c1 = commit("c1", "a.json");
            RestoreResult result = store.restore(c1.sha());
            assertThat(result.changed()).isEmpty();
            assertThat(store.readAt(result.asideSha(), path("a.json")).map(BrainStoreContract::string)).hasValue("1");
            assertThat(store.list("")).containsExactly(path("a.json"));
        }
    }

    @Nested
    @DisplayName("reopening, closing and threads")
    class Lifetime {

        @Test
        @DisplayName("reopening the brain keeps the working tree, the commits, the history and the side refs")
        void reopenKeepsEverything() {
            store.apply(List.of(put("a.json", "1"), put("b/b.json", "1")));
            CommitInfo c1 = commitWith("c1", Map.of("Avalon-Consent", "q-1"), "a.json", "b/b.json");
            write("a.json", "2");
            CommitInfo c2 = commit("c2", "a.json");
            store.apply(List.of(put("a.json", "uncommitted"), put("c.json", "uncommitted")));
            RestoreResult restored = store.restore(c1.sha());
            write("d.json", "after the restore");
            List<BrainPath> uncommitted = store.uncommitted();

            store = reopen(store);

            assertThat(store.list("")).containsExactly(path("a.json"), path("b/b.json"), path("d.json"));
            assertThat(text("a.json")).isEqualTo("1");
            assertThat(text("d.json")).isEqualTo("after the restore");
            assertThat(store.head()).hasValue(c2);
            assertThat(store.log(10)).containsExactly(c2, c1);
            assertThat(store.log(10).get(1).trailers()).containsEntry("Avalon-Consent", "q-1");
            assertThat(store.history(path("a.json"))).containsExactly(c2, c1);
            assertThat(store.uncommitted()).isEqualTo(uncommitted);
            assertThat(store.readAt(restored.asideSha(), path("c.json")).map(BrainStoreContract::string))
                    .hasValue("uncommitted");
            assertThat(store.contentHashes(c2.sha())).containsEntry(path("a.json"), sha256(bytes("2")));
        }

        @Test
        @DisplayName("close can be called twice, and a closed store refuses every call")
        void closedStoreRefusesCalls() {
            write("a.json", "1");
            store.close();
            assertThatCode(store::close).doesNotThrowAnyException();
            assertThatThrownBy(() -> store.read(path("a.json"))).isInstanceOf(BrainStoreException.class);
            assertThatThrownBy(() -> store.apply(List.of(put("b.json", "1")))).isInstanceOf(BrainStoreException.class);
            assertThatThrownBy(() -> store.list("")).isInstanceOf(BrainStoreException.class);
            assertThatThrownBy(() -> store.head()).isInstanceOf(BrainStoreException.class);
            assertThatThrownBy(() -> commit("late", "a.json")).isInstanceOf(BrainStoreException.class);
        }

        @Test
        @DisplayName("units of work from several threads at once all land, and readers never fail meanwhile")
        void concurrentUseIsSafe() throws Exception {
            int threads = 4;
            int units = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Throwable> readerFailures = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            try {
                Future<?> reader = pool.submit(() -> {
                    start.await();
                    while (writing.get()) {
                        try {
                            for (BrainPath p : store.list("")) {
                                store.read(p);
                            }
                            store.uncommitted();
                        } catch (RuntimeException e) {
                            readerFailures.add(e);
                        }
                    }
                    return null;
                });
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    writers.add(pool.submit(() -> {
                        start.await();
                        for (int u = 0; u < units; u++) {
                            store.apply(List.of(put("t" + thread + "/u" + u + "-1.json", thread + ":" + u),
                                    put("t" + thread + "/u" + u + "-2.json", thread + ":" + u)));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> w : writers) {
                    w.get(60, TimeUnit.SECONDS);
                }
                writing.set(false);
                reader.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertThat(readerFailures).isEmpty();
            assertThat(store.list("")).hasSize(threads * units * 2);
            assertThat(text("t3/u7-2.json")).isEqualTo("3:7");
        }
    }

    @Nested
    @DisplayName("against a simple model")
    class Model {

        @Test
        @DisplayName("a random run of applies, commits and restores agrees with a simple model at every step")
        void randomRunAgreesWithAModel() {
            long seed = 20261123L;
            Random random = new Random(seed);
            List<String> names = List.of("a.json", "b.json", "d/x.json", "d/y.json", "d/e/z.json");
            TreeMap<BrainPath, String> work = new TreeMap<>();
            TreeMap<BrainPath, String> head = new TreeMap<>();
            Map<String, TreeMap<BrainPath, String>> commits = new LinkedHashMap<>();
            for (int step = 0; step < 60; step++) {
                String at = "seed " + seed + ", step " + step;
                int op = random.nextInt(10);
                if (op < 6) {
                    List<String> shuffled = new ArrayList<>(names);
                    Collections.shuffle(shuffled, random);
                    List<FileChange> changes = new ArrayList<>();
                    for (String name : shuffled.subList(0, 1 + random.nextInt(3))) {
                        if (random.nextInt(4) == 0) {
                            changes.add(FileChange.delete(path(name)));
                            work.remove(path(name));
                        } else {
                            String content = "step " + step;
                            changes.add(put(name, content));
                            work.put(path(name), content);
                        }
                    }
                    store.apply(changes);
                } else if (op < 9) {
                    List<String> chosen = new ArrayList<>();
                    for (String name : names) {
                        if (random.nextBoolean()) {
                            chosen.add(name);
                        }
                    }
                    if (chosen.isEmpty()) {
                        chosen.add(names.get(0));
                    }
                    for (String name : chosen) {
                        String content = work.get(path(name));
                        if (content == null) {
                            head.remove(path(name));
                        } else {
                            head.put(path(name), content);
                        }
                    }
                    CommitInfo c = commit("step " + step, chosen.toArray(String[]::new));
                    commits.put(c.sha(), new TreeMap<>(head));
                } else if (!commits.isEmpty()) {
                    List<String> shas = new ArrayList<>(commits.keySet());
                    String target = shas.get(random.nextInt(shas.size()));
                    clock.advance(Duration.ofSeconds(1));
                    store.restore(target);
                    work = new TreeMap<>(commits.get(target));
                }

                assertThat(store.list("")).as(at).containsExactlyElementsOf(work.keySet());
                for (Map.Entry<BrainPath, String> e : work.entrySet()) {
                    assertThat(text(e.getKey().value())).as(at).isEqualTo(e.getValue());
                }
                TreeSet<BrainPath> differing = new TreeSet<>(work.keySet());
                differing.addAll(head.keySet());
                TreeMap<BrainPath, String> w = work;
                differing.removeIf(p -> Objects.equals(w.get(p), head.get(p)));
                assertThat(store.uncommitted()).as(at).containsExactlyElementsOf(differing);
                Optional<CommitInfo> h = store.head();
                if (h.isPresent()) {
                    Map<BrainPath, String> expected = new TreeMap<>();
                    head.forEach((p, content) -> expected.put(p, sha256(bytes(content))));
                    assertThat(store.contentHashes(h.get().sha())).as(at).isEqualTo(expected);
                }
            }
        }
    }

    @Nested
    @DisplayName("brain paths")
    class PathRules {

        @Test
        @DisplayName("a brain path never escapes the brain and never enters .git")
        void brainPathRejectsEscapes() {
            for (String bad : List.of("..", "../outside", "a/../../b", "a/..", "/etc/passwd", "/abs", ".git",
                    ".git/config", "a/.git/HEAD", "", "a//b", "a/", "./a", "a\\b", "C:/windows", "a b")) {
                assertThatThrownBy(() -> BrainPath.of(bad)).as("'%s'", bad).isInstanceOf(IllegalArgumentException.class);
            }
            for (String good : List.of("behaviour.avl", "audit/2026.jsonl", "a/b/c-d_e.json", ".gitkeep", "..a")) {
                assertThat(BrainPath.of(good).value()).isEqualTo(good);
            }
            assertThat(BrainPath.of("audit/2026.jsonl").isUnder("audit")).isTrue();
            assertThat(BrainPath.of("auditx/2026.jsonl").isUnder("audit")).isFalse();
        }
    }

    /** A path, shorter. */
    protected static BrainPath path(String value) {
        return BrainPath.of(value);
    }

    /** UTF-8 bytes of {@code text}. */
    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code bytes} as UTF-8 text. */
    protected static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A put of UTF-8 {@code text}. */
    protected static FileChange put(String path, String text) {
        return FileChange.put(path(path), bytes(text));
    }

    /** Applies one put of UTF-8 {@code text}. */
    protected void write(String path, String text) {
        store.apply(List.of(put(path, text)));
    }

    /** The working-tree text of {@code path}, or {@code null} when it does not exist. */
    protected String text(String path) {
        return store.read(path(path)).map(BrainStoreContract::string).orElse(null);
    }

    /** Commits {@code paths} one minute after the previous step, without trailers. */
    protected CommitInfo commit(String subject, String... paths) {
        return commitWith(subject, Map.of(), paths);
    }

    /** Commits {@code paths} one minute after the previous step. */
    protected CommitInfo commitWith(String subject, Map<String, String> trailers, String... paths) {
        clock.advance(Duration.ofMinutes(1));
        List<BrainPath> list = Arrays.stream(paths).map(BrainPath::of).toList();
        return store.commit(new CommitRequest(list, subject, trailers, clock.instant(), "Avalon"));
    }

    /** Lower-case hex SHA-256 of {@code content}. */
    protected static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}

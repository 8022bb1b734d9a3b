package dev.avalon.git.internal;

import dev.avalon.core.port.UnsafeBrainPathException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("FileCache serves a working-tree file from memory only while its stamp proves it unchanged")
class FileCacheTest {

    /** As if every file had been written a minute before it was read. */
    private static final LongSupplier SETTLED = () -> System.currentTimeMillis() + 60_000;

    @TempDir
    Path root;

    private WorkingTree tree;

    @BeforeEach
    void createTree() {
        tree = new WorkingTree(root);
    }

    @Test
    @DisplayName("a settled file is kept, and every read hands out a copy of its own")
    void settledFileIsKept() throws IOException {
        FileCache cache = new FileCache(tree, 1024, 4096, SETTLED);
        write("a.json", "{\"a\":1}");

        byte[] first = cache.read("a.json").orElseThrow();
        assertThat(cache.holds("a.json")).isTrue();
        first[0] = 'X';

        assertThat(text(cache.read("a.json"))).isEqualTo("{\"a\":1}");
        assertThat(cache.read("a.json").orElseThrow()).isNotSameAs(cache.read("a.json").orElseThrow());
    }

    @Test
    @DisplayName("a file changed moments ago is read but not kept: another change in the same tick could keep its stamp")
    void racyFileIsNotKept() throws IOException {
        FileCache cache = new FileCache(tree, 1024, 4096, System::currentTimeMillis);
        Path file = write("a.json", "aaaa");
        FileTime written = Files.getLastModifiedTime(file);

        assertThat(text(cache.read("a.json"))).isEqualTo("aaaa");
        assertThat(cache.holds("a.json")).isFalse();

        Files.writeString(file, "bbbb");
        Files.setLastModifiedTime(file, written);
        assertThat(text(cache.read("a.json"))).isEqualTo("bbbb");
    }

    @Test
    @DisplayName("a kept file rewritten in place with the same size and its old modification time is seen by its change time")
    void sameSizeSameTimeIsSeenByChangeTime() throws Exception {
        assumeTrue(FileStamp.of(root).changed() != null, "the platform has no change time");
        FileCache cache = new FileCache(tree, 1024, 4096, System::currentTimeMillis);
        Path file = write("a.json", "aaaa");
        FileTime written = Files.getLastModifiedTime(file);
        awaitSettled(file);
        assertThat(text(cache.read("a.json"))).isEqualTo("aaaa");
        assertThat(cache.holds("a.json")).isTrue();

        Files.writeString(file, "bbbb");
        Files.setLastModifiedTime(file, written);

        assertThat(Files.size(file)).isEqualTo(4);
        assertThat(text(cache.read("a.json"))).isEqualTo("bbbb");
    }

    @Test
    @DisplayName("a kept file changed in size, replaced by a rename with its old time, or deleted is read anew")
    void changesBehindTheBackAreSeen() throws IOException {
        FileCache cache = new FileCache(tree, 1024, 4096, SETTLED);
        Path file = write("a.json", "aaaa");
        cache.read("a.json");
        assertThat(cache.holds("a.json")).isTrue();

        Files.writeString(file, "bbbbbb");
        assertThat(text(cache.read("a.json"))).isEqualTo("bbbbbb");

        FileTime old = Files.getLastModifiedTime(file);
        Path other = write("a.json.tmp", "cccccc");
        Files.setLastModifiedTime(other, old);
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(text(cache.read("a.json"))).isEqualTo("cccccc");

        Files.delete(file);
        assertThat(cache.read("a.json")).isEmpty();
        assertThat(cache.holds("a.json")).isFalse();
    }

    @Test
    @DisplayName("a kept file replaced by a symbolic link is refused by name, neither followed nor served from memory")
    void linksAreRefused() throws IOException {
        FileCache cache = new FileCache(tree, 1024, 4096, SETTLED);
        Path file = write("a.json", "aaaa");
        Path elsewhere = write("b.json", "bbbb");
        cache.read("a.json");

        Files.delete(file);
        Files.createSymbolicLink(file, elsewhere);

        assertThatThrownBy(() -> cache.read("a.json")).isInstanceOf(UnsafeBrainPathException.class)
                .hasMessageStartingWith("a.json is a symbolic link");
        assertThat(cache.holds("a.json")).isFalse();
    }

    @Test
    @DisplayName("a kept file replaced by a folder is no longer read")
    void foldersAreNotRead() throws IOException {
        FileCache cache = new FileCache(tree, 1024, 4096, SETTLED);
        Path file = write("a.json", "aaaa");
        cache.read("a.json");

        Files.delete(file);
        Files.createDirectory(file);

        assertThat(cache.read("a.json")).isEmpty();
        assertThat(cache.holds("a.json")).isFalse();
    }

    @Test
    @DisplayName("memory stays bounded: a file over the limit is read but not kept, and the total never passes its cap")
    void memoryIsBounded() throws IOException {
        FileCache cache = new FileCache(tree, 100, 250, SETTLED);
        write("big.json", "x".repeat(101));
        assertThat(cache.read("big.json").orElseThrow()).hasSize(101);
        assertThat(cache.holds("big.json")).isFalse();

        for (int i = 0; i < 5; i++) {
            write(i + ".json", String.valueOf(i).repeat(100));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(text(cache.read(i + ".json"))).isEqualTo(String.valueOf(i).repeat(100));
        }
        long kept = java.util.stream.IntStream.range(0, 5).filter(i -> cache.holds(i + ".json")).count();
        assertThat(kept).isBetween(1L, 2L);
        assertThat(cache.holds("4.json")).as("the last file read").isTrue();
    }

    @Test
    @DisplayName("caches sharing a budget keep no more than it together; a cleared cache gives its bytes back")
    void sharedBudgetBoundsEveryCache() throws IOException {
        FileCacheBudget budget = new FileCacheBudget(250);
        Path otherRoot = Files.createDirectories(root.resolve("other"));
        FileCache first = new FileCache(tree, 100, 1000, SETTLED, budget);
        FileCache second = new FileCache(new WorkingTree(otherRoot), 100, 1000, SETTLED, budget);
        write("a.json", "a".repeat(100));
        write("b.json", "b".repeat(100));
        Files.writeString(otherRoot.resolve("c.json"), "c".repeat(100));

        first.read("a.json");
        first.read("b.json");
        assertThat(budget.held()).isEqualTo(200);
        // no room left for the other brain's file: read from the disk all the same, not kept
        assertThat(text(second.read("c.json"))).isEqualTo("c".repeat(100));
        assertThat(second.holds("c.json")).isFalse();
        assertThat(budget.held()).isEqualTo(200);

        first.clear();
        assertThat(budget.held()).isZero();
        second.read("c.json");
        assertThat(second.holds("c.json")).isTrue();
        assertThat(budget.held()).isEqualTo(100);
    }

    @Test
    @DisplayName("a cache short of shared budget makes room from its own files, keeping the one read last")
    void sharedBudgetIsMadeFromOwnFiles() throws IOException {
        FileCacheBudget budget = new FileCacheBudget(150);
        FileCache cache = new FileCache(tree, 100, 1000, SETTLED, budget);
        write("a.json", "a".repeat(100));
        write("b.json", "b".repeat(100));

        cache.read("a.json");
        assertThat(text(cache.read("b.json"))).isEqualTo("b".repeat(100));

        assertThat(cache.holds("b.json")).isTrue();
        assertThat(cache.holds("a.json")).isFalse();
        assertThat(budget.held()).isEqualTo(100);
        cache.forget("b.json");
        assertThat(budget.held()).isZero();
    }

    @Test
    @DisplayName("a kept listing sees a file added, renamed or removed behind its back, in its folder or beneath it")
    void listingsSeeChanges() throws Exception {
        FileCache cache = new FileCache(tree, 1024, 4096, SETTLED);
        write("audit/2026.jsonl", "1");
        write("audit/old/2025.jsonl", "0");
        Path audit = root.resolve("audit");
        Path old = root.resolve("audit/old");

        age(audit, old);
        assertThat(cache.files("audit")).containsExactly("audit/2026.jsonl", "audit/old/2025.jsonl");
        assertThat(cache.holdsListing("audit")).isTrue();
        write("audit/2027.jsonl", "2");
        assertThat(cache.files("audit")).containsExactly("audit/2026.jsonl", "audit/2027.jsonl", "audit/old/2025.jsonl");

        age(audit, old);
        cache.files("audit");
        Files.move(old.resolve("2025.jsonl"), old.resolve("2024.jsonl"));
        assertThat(cache.files("audit")).containsExactly("audit/2026.jsonl", "audit/2027.jsonl", "audit/old/2024.jsonl");

        age(audit, old);
        cache.files("audit");
        Files.delete(audit.resolve("2026.jsonl"));
        assertThat(cache.files("audit")).containsExactly("audit/2027.jsonl", "audit/old/2024.jsonl");
    }

    @Test
    @DisplayName("a listing skips the scratch folder and nested .git folders, and a missing folder lists nothing")
    void listingsFollowTheWorkingTreesRules() throws IOException {
        FileCache cache = new FileCache(tree, 1024, 4096, SETTLED);
        write("a.json", "1");
        write(WorkingTree.SCRATCH + "/lock", "");
        write("vendor/.git/config", "");
        write("vendor/b.json", "2");

        assertThat(cache.files("")).containsExactly("a.json", "vendor/b.json");
        assertThat(cache.files("vendor")).containsExactly("vendor/b.json");
        assertThat(cache.files("nothing/here")).isEmpty();
        assertThat(cache.files("a.json")).containsExactly("a.json");
    }

    @Test
    @DisplayName("forget drops a file's contents and every listing, for the store's own writes")
    void forgetDropsWhatTheStoreChanges() throws IOException {
        FileCache cache = new FileCache(tree, 1024, 4096, SETTLED);
        write("a.json", "1");
        cache.read("a.json");
        cache.files("");

        cache.forget("a.json");

        assertThat(cache.holds("a.json")).isFalse();
        assertThat(cache.holdsListing("")).isFalse();
    }

    private Path write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static String text(Optional<byte[]> bytes) {
        return new String(bytes.orElseThrow(), StandardCharsets.UTF_8);
    }

    /**
     * Sets the modification times of {@code folders} an hour back, so that the next change to each
     * surely gives it another time, however coarse the file system's clock.
     */
    private static void age(Path... folders) throws IOException {
        FileTime hourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        for (Path folder : folders) {
            Files.setLastModifiedTime(folder, hourAgo);
        }
    }

    /** Waits until {@code path}'s times lie far enough in the past to prove something. */
    static void awaitSettled(Path path) throws Exception {
        while (!FileStamp.of(path).settledBefore(System.currentTimeMillis())) {
            Thread.sleep(100);
        }
    }
}

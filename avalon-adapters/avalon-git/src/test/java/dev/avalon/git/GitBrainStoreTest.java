package dev.avalon.git;

import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.RestoreResult;
import dev.avalon.testkit.contract.BrainStoreContract;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("GitBrainStore keeps the BrainStore contract on an ordinary git repository")
class GitBrainStoreTest extends BrainStoreContract {

    @TempDir
    Path temp;

    private Path dir() {
        return temp.resolve("brain");
    }

    @Override
    protected BrainStore newStore(Clock clock) {
        return GitBrainStore.open(dir(), clock);
    }

    @Override
    protected BrainStore reopen(BrainStore previous) {
        previous.close();
        return GitBrainStore.open(dir(), clock);
    }

    // ---------------------------------------------------------------- an ordinary repository

    @Test
    @DisplayName("the command line reads the brain: git log, git status and git fsck --full are clean after commits and a restore")
    void commandLineReadsTheBrain() throws Exception {
        assumeTrue(GitCli.available(), "git is not installed");
        store.apply(List.of(put("behaviour.avl", "v1\n"), put("notes/crlf.txt", "a\r\nb\r\n"),
                put("finance/2026.xlsx", "PK\u0003\u0004binary\u0000")));
        CommitInfo c1 = commitWith("Behaviour 1.0.0", Map.of("Avalon-Consent", "q-1"),
                "behaviour.avl", "notes/crlf.txt", "finance/2026.xlsx");
        write("behaviour.avl", "v2\n");
        CommitInfo c2 = commit("Behaviour 1.1.0", "behaviour.avl");

        assertThat(GitCli.run(dir(), "status", "--porcelain").out()).as("git status after committing everything").isEmpty();
        GitCli.Result log = GitCli.run(dir(), "log", "--format=%H %an <%ae> %ad%n%B", "--date=iso-strict");
        assertThat(log.exit()).isZero();
        assertThat(log.out()).contains(c1.sha() + " Avalon <> 2026-11-23T07:01:00+00:00",
                c2.sha() + " Avalon <> 2026-11-23T07:02:00+00:00", "Avalon-Consent: q-1");
        assertThat(GitCli.run(dir(), "rev-parse", "--abbrev-ref", "HEAD").out().strip()).isEqualTo("main");

        store.apply(List.of(put("uncommitted.json", "{}"), put("behaviour.avl", "v3\n")));
        RestoreResult restored = store.restore(c1.sha());

        GitCli.fsckClean(dir());
        assertThat(GitCli.run(dir(), "show", restored.asideRef() + ":uncommitted.json").out()).isEqualTo("{}");
        assertThat(GitCli.run(dir(), "rev-parse", restored.asideRef() + "^").out().strip()).isEqualTo(c2.sha());
        assertThat(GitCli.run(dir(), "rev-parse", "HEAD").out().strip()).isEqualTo(c2.sha());
        assertThat(GitCli.run(dir(), "diff", "--cached", "--name-only").out().lines().toList())
                .as("the index holds the restored files").containsExactly("behaviour.avl");
        assertThat(GitCli.run(dir(), "diff", "--name-only").out()).as("work tree equals the index").isEmpty();
        assertThat(GitCli.run(dir(), "show", "HEAD:.gitattributes").out()).contains("* text=auto eol=lf", "*.xlsx binary");
        assertThat(GitCli.run(dir(), "check-ignore", ".avalon/lock").exit()).isZero();
    }

    @Test
    @DisplayName("opening sets the repository configuration the brain relies on")
    void configurationIsSet() throws Exception {
        FileBasedConfig config = new FileBasedConfig(dir().resolve(".git/config").toFile(), FS.DETECTED);
        config.load();
        assertThat(config.getString("gc", null, "auto")).isEqualTo("0");
        assertThat(config.getBoolean("commit", null, "gpgsign", true)).isFalse();
        assertThat(config.getString("core", null, "autocrlf")).isEqualTo("false");
        assertThat(config.getString("core", null, "fsync")).isEqualTo("all");
        assertThat(config.getBoolean("core", null, "fsyncRefFiles", false)).isTrue();
        if (GitCli.available()) {
            assertThat(GitCli.run(dir(), "config", "--get", "gc.auto").out().strip()).isEqualTo("0");
            assertThat(GitCli.run(dir(), "log").out()).doesNotContain("warning");
        }
    }

    @Test
    @DisplayName("the first commit carries .gitattributes and .gitignore, which are not brain files")
    void ownFilesAreCommittedButHidden() throws Exception {
        write("a.json", "1");
        CommitInfo c = commit("first", "a.json");

        assertThat(Files.readString(dir().resolve(".gitattributes"))).contains("* text=auto eol=lf");
        assertThat(Files.readString(dir().resolve(".gitignore"))).contains("/.avalon/");
        assertThat(treeOf(c.sha())).containsExactly(".gitattributes", ".gitignore", "a.json");
        assertThat(store.list("")).containsExactly(path("a.json"));
        assertThat(store.read(path(".gitignore"))).isEmpty();
        assertThat(store.readAt(c.sha(), path(".gitattributes"))).isEmpty();
        assertThat(store.contentHashes(c.sha())).containsOnlyKeys(path("a.json"));
        assertThat(store.uncommitted()).isEmpty();
        assertThatThrownBy(() -> store.apply(List.of(put(".gitignore", "*"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.apply(List.of(put(".avalon/lock", "x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list(".avalon")).isEmpty();

        write("b.json", "2");
        CommitInfo second = commit("second", "b.json");
        assertThat(treeOf(second.sha())).containsExactly(".gitattributes", ".gitignore", "a.json", "b.json");
    }

    @Test
    @DisplayName("an existing repository is opened as it is: its history is kept and its .gitignore extended")
    void existingRepositoryIsAdopted() throws Exception {
        assumeTrue(GitCli.available(), "git is not installed");
        store.close();
        Path other = temp.resolve("existing");
        Files.createDirectories(other);
        GitCli.run(other, "init", "-q", "-b", "trunk");
        Files.writeString(other.resolve(".gitignore"), "*.log");
        Files.writeString(other.resolve("readme.md"), "hello\n");
        GitCli.run(other, "add", ".");
        assertThat(GitCli.run(other, "-c", "user.name=Someone", "-c", "user.email=s@example.org",
                "commit", "-q", "-m", "Start").exit()).isZero();
        String start = GitCli.run(other, "rev-parse", "HEAD").out().strip();

        try (GitBrainStore brain = GitBrainStore.open(other, clock)) {
            assertThat(brain.head().map(CommitInfo::sha)).hasValue(start);
            assertThat(brain.list("")).containsExactly(path("readme.md"));
            assertThat(Files.readString(other.resolve(".gitignore"))).startsWith("*.log\n").contains("/.avalon/");
            brain.apply(List.of(put("readme.md", "hello again\n")));
            clock.advance(java.time.Duration.ofMinutes(1));
            CommitInfo next = brain.commit(new dev.avalon.core.port.CommitRequest(List.of(path("readme.md")),
                    "Again", Map.of(), clock.instant(), "Avalon <avalon@example.org>"));
            assertThat(brain.log(5)).extracting(CommitInfo::sha).containsExactly(next.sha(), start);
        }
        assertThat(GitCli.run(other, "log", "-1", "--format=%an <%ae>").out().strip())
                .isEqualTo("Avalon <avalon@example.org>");
        GitCli.fsckClean(other);
    }

    // ---------------------------------------------------------------- one writer

    @Test
    @DisplayName("a brain that is open cannot be opened again, in this process or in another")
    void secondOpenIsRefused() throws Exception {
        assertThatThrownBy(() -> GitBrainStore.open(dir())).isInstanceOf(BrainStoreException.class)
                .hasMessageContaining("already open in this process");
        write("still.json", "usable");

        assertThat(probe()).startsWith("REFUSED").contains("already open in another process")
                .contains("pid " + ProcessHandle.current().pid());

        store.close();
        assertThat(probe()).isEqualTo("OPENED");
        store = GitBrainStore.open(dir(), clock);
        assertThat(text("still.json")).isEqualTo("usable");
    }

    @Test
    @DisplayName("git lock files left by a killed process are removed on open")
    void staleGitLocksAreRemoved() throws Exception {
        write("a.json", "1");
        commit("first", "a.json");
        store.close();
        Path git = dir().resolve(".git");
        Files.writeString(git.resolve("index.lock"), "");
        Files.writeString(git.resolve("HEAD.lock"), "");
        Files.writeString(git.resolve("refs/heads/main.lock"), "0000");
        Files.writeString(git.resolve("objects/noz12345.tmp"), "half an object");

        store = GitBrainStore.open(dir(), clock);

        assertThat(git.resolve("index.lock")).doesNotExist();
        assertThat(git.resolve("HEAD.lock")).doesNotExist();
        assertThat(git.resolve("refs/heads/main.lock")).doesNotExist();
        assertThat(git.resolve("objects/noz12345.tmp")).doesNotExist();
        write("a.json", "2");
        CommitInfo second = commit("second", "a.json");
        assertThat(store.head()).hasValue(second);
        GitCli.fsckClean(dir());
    }

    // ---------------------------------------------------------------- units of work after a crash

    @Test
    @DisplayName("a unit of work that never got its manifest is thrown away on open")
    void incompleteUnitIsDiscarded() throws Exception {
        write("a.json", "before");
        store.close();
        Path unit = Files.createDirectories(dir().resolve(".avalon/txn/interrupted"));
        Files.writeString(unit.resolve("p0"), "after");
        Files.writeString(unit.resolve("manifest.tmp"), "avalon-unit-of-work 1\nput p0 a.json\n");

        store = GitBrainStore.open(dir(), clock);

        assertThat(text("a.json")).isEqualTo("before");
        assertThat(dir().resolve(".avalon/txn/interrupted")).doesNotExist();
    }

    @Test
    @DisplayName("a complete unit of work is finished on open, also when part of it was already moved")
    void completeUnitIsRolledForward() throws Exception {
        store.apply(List.of(put("a.json", "before"), put("b/b.json", "before"), put("gone.json", "before")));
        store.close();
        Path unit = Files.createDirectories(dir().resolve(".avalon/txn/interrupted"));
        // p0 was moved into place before the crash; p1 was not
        Files.writeString(dir().resolve("a.json"), "after");
        Files.writeString(unit.resolve("p1"), "after");
        Files.writeString(unit.resolve("manifest"), "avalon-unit-of-work 1\ndelete gone.json\nput p0 a.json\n"
                + "put p1 b/b.json\nput p2 new%20name/c.json\nend 4\n");
        Files.writeString(unit.resolve("p2"), "after");

        store = GitBrainStore.open(dir(), clock);

        assertThat(text("a.json")).isEqualTo("after");
        assertThat(text("b/b.json")).isEqualTo("after");
        assertThat(store.read(path("gone.json"))).isEmpty();
        assertThat(Files.readString(dir().resolve("new name/c.json"))).isEqualTo("after");
        assertThat(dir().resolve(".avalon/txn/interrupted")).doesNotExist();

        store = reopen(store);
        assertThat(text("a.json")).as("finishing again changes nothing").isEqualTo("after");
    }

    @Test
    @DisplayName("an unreadable manifest stops the open instead of guessing, and leaves the brain unlocked")
    void unreadableManifestStopsTheOpen() throws Exception {
        store.close();
        Path unit = Files.createDirectories(dir().resolve(".avalon/txn/garbled"));
        Files.writeString(unit.resolve("manifest"), "avalon-unit-of-work 1\nput p0 ../../etc/passwd\nend 1\n");

        assertThatThrownBy(() -> GitBrainStore.open(dir(), clock)).isInstanceOf(BrainStoreException.class)
                .hasMessageContaining("cannot be read");
        assertThat(unit.resolve("manifest")).exists();

        Files.delete(unit.resolve("manifest"));
        store = GitBrainStore.open(dir(), clock);
        assertThat(store.list("")).isEmpty();
    }

    // ---------------------------------------------------------------- restore

    @Test
    @DisplayName("restore keeps aside and then removes files a person put in the folder under names Avalon cannot use")
    void restoreKeepsForeignFilesAside() throws Exception {
        write("a.json", "1");
        CommitInfo c1 = commit("first", "a.json");
        Files.writeString(dir().resolve("my notes.txt"), "by hand");

        RestoreResult result = store.restore(c1.sha());

        assertThat(treeOf(result.asideSha())).contains("my notes.txt", "a.json");
        assertThat(dir().resolve("my notes.txt")).doesNotExist();
        assertThat(result.changed()).isEmpty();
        GitCli.fsckClean(dir());
    }

    @Test
    @DisplayName("a file put in a folder by hand is read and listed like any other")
    void filesWrittenByHandAreSeen() throws Exception {
        Files.createDirectories(dir().resolve("journal"));
        Files.writeString(dir().resolve("journal/2026-11-23.json"), "{}");
        assertThat(store.list("journal")).containsExactly(path("journal/2026-11-23.json"));
        assertThat(store.uncommitted()).containsExactly(path("journal/2026-11-23.json"));
        assertThat(text("journal/2026-11-23.json")).isEqualTo("{}");
    }

    @Test
    @DisplayName("a file changed by hand is uncommitted, even at the same size and moments after a check")
    void handEditsAreSeen() throws Exception {
        write("a.json", "aaaa");
        commit("first", "a.json");
        assertThat(store.uncommitted()).isEmpty();
        Files.writeString(dir().resolve("a.json"), "bbbb");
        assertThat(store.uncommitted()).containsExactly(path("a.json"));
        Files.writeString(dir().resolve("a.json"), "aaaa");
        assertThat(store.uncommitted()).isEmpty();
        Files.setLastModifiedTime(dir().resolve("a.json"), java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        assertThat(store.uncommitted()).as("the same bytes with an old time").isEmpty();
        Files.writeString(dir().resolve("a.json"), "cccc");
        assertThat(store.uncommitted()).as("and other bytes of the same size").containsExactly(path("a.json"));
    }

    // ---------------------------------------------------------------- helpers

    private List<String> treeOf(String sha) throws Exception {
        List<String> paths = new ArrayList<>();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir().resolve(".git").toFile()).build();
             RevWalk walk = new RevWalk(repo);
             TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(walk.parseCommit(repo.resolve(sha)).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                paths.add(tw.getPathString());
            }
        }
        return paths;
    }

    private String probe() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), "probe", dir().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}

package dev.avalon.caldav;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Xandikos (no authentication) serving the temporary folder, its principal and calendar home created at start.
 * Each collection is a git repository; a sync token is the id of a tree of that repository.
 */
final class XandikosServer extends CalDavServer {

    XandikosServer() throws IOException {
        super("xandikos", List.of());
    }

    @Override
    List<String> arguments(List<String> given) {
        return List.of("-d", folder.resolve("store").toString(), "-l", "127.0.0.1", "-p", Integer.toString(port),
                "--defaults");
    }

    @Override
    URI newCalendar(String name) {
        return root().resolve("user/calendars/" + name + "/");
    }

    /**
     * Xandikos answers a token from the trees of its history; the history is squashed into one commit of the
     * current tree and the rest pruned, so the trees behind earlier tokens are gone.
     */
    @Override
    void expireSyncTokens(URI calendar) throws IOException, InterruptedException {
        Path repo = folder.resolve("store").resolve("user").resolve("calendars")
                .resolve(Path.of(calendar.getPath()).getFileName().toString());
        String head = git(repo, "rev-parse", "HEAD^{tree}").trim();
        String commit = git(repo, "-c", "user.name=test", "-c", "user.email=test@example.org", "commit-tree", head,
                "-m", "history squashed").trim();
        git(repo, "update-ref", "HEAD", commit);
        git(repo, "reflog", "expire", "--expire=now", "--all");
        git(repo, "gc", "--prune=now", "--quiet");
    }

    private static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}

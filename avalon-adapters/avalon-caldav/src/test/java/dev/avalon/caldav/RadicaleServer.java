package dev.avalon.caldav;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Radicale 3 with HTTP Basic authentication from a plain htpasswd file, every right to its own collections, its
 * storage in the temporary folder and no configuration file read from the machine.
 */
final class RadicaleServer extends CalDavServer {

    static final String USER = "anna";
    static final String PASSWORD = "s3cret: with spaces";

    RadicaleServer() throws IOException {
        super("radicale", List.of());
    }

    @Override
    void prepare() throws IOException {
        Files.writeString(folder.resolve("users"), USER + ":" + PASSWORD + "\n");
    }

    @Override
    List<String> arguments(List<String> given) {
        return List.of("--config", "",
                "--server-hosts", "127.0.0.1:" + port,
                "--auth-type", "htpasswd",
                "--auth-htpasswd-filename", folder.resolve("users").toString(),
                "--auth-htpasswd-encryption", "plain",
                "--rights-type", "owner_only",
                "--storage-filesystem-folder", folder.resolve("storage").toString(),
                "--logging-level", "warning");
    }

    @Override
    URI newCalendar(String name) {
        return root().resolve(USER + "/" + name + "/");
    }

    /** Radicale keeps the state behind each token it issued in the collection's cache; without it, it refuses them. */
    @Override
    void expireSyncTokens(URI calendar) throws IOException {
        Path tokens = folder.resolve("storage").resolve("collection-root").resolve(USER)
                .resolve(Path.of(calendar.getPath()).getFileName().toString()).resolve(".Radicale.cache")
                .resolve("sync-token");
        if (!Files.isDirectory(tokens)) {
            throw new IllegalStateException("no sync tokens at " + tokens);
        }
        try (Stream<Path> paths = Files.walk(tokens)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    String user() {
        return USER;
    }

    @Override
    String password() {
        return PASSWORD;
    }
}

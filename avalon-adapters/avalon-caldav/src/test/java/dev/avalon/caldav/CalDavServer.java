package dev.avalon.caldav;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real CalDAV server the tests start on a free loopback port, with its storage in a temporary folder that
 * goes when the server stops. Only a server whose program is not installed is skipped, with the way to
 * install it in the message.
 */
abstract class CalDavServer implements AutoCloseable {

    static final String INSTALL = "install it with `apt-get install -y radicale xandikos` (what .ci/run does when "
            + "it runs as root)";

    final Path folder;
    final int port;
    private final Process process;

    CalDavServer(String name, List<String> arguments) throws IOException {
        String program = program(name);
        if (!onPath(program)) {
            throw new IllegalStateException(missing(name));
        }
        folder = Files.createTempDirectory("avalon-caldav-" + name);
        port = freePort();
        prepare();
        List<String> command = new java.util.ArrayList<>();
        command.add(program);
        command.addAll(arguments(arguments));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("server.log").toFile())
                .start();
        awaitPort();
    }

    /** Writes what the server needs in {@link #folder} before it starts. */
    void prepare() throws IOException {
    }

    /** The command line's arguments; {@code given} as the subclass passed them. */
    List<String> arguments(List<String> given) {
        return given;
    }

    /** A new, empty calendar collection's URL. */
    abstract URI newCalendar(String name);

    /** Makes every sync token issued so far unknown to the server. */
    abstract void expireSyncTokens(URI calendar) throws IOException, InterruptedException;

    /** The login the server wants, or {@code null}. */
    String user() {
        return null;
    }

    String password() {
        return null;
    }

    URI root() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    private void awaitPort() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server stopped at once: " + Files.readString(folder.resolve("server.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the server", e);
                }
            }
        }
        throw new IllegalStateException("the server did not answer on port " + port + ": "
                + Files.readString(folder.resolve("server.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The program that runs server {@code name}: {@code -Davalon.caldav.<name>=<path>} names another build. */
    static String program(String name) {
        return System.getProperty("avalon.caldav." + name, name);
    }

    /** Whether server {@code name} can be started here. */
    static boolean installed(String name) {
        return onPath(program(name));
    }

    /** Why server {@code name} cannot be started, and how to change that. */
    static String missing(String name) {
        return name + " is not installed (looked for " + program(name) + "): " + INSTALL;
    }

    /** Skips the running test, saying how to install the server, when {@code server} could not be started. */
    static void assumeStarted(CalDavServer server, String name) {
        assumeTrue(server != null, () -> missing(name));
    }

    static boolean onPath(String program) {
        if (program.contains(java.io.File.separator)) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

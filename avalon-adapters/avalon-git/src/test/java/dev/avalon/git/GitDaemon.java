package dev.avalon.git;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code git daemon} on a loopback port, serving the bare repositories under a base folder with
 * pushes enabled; started and stopped by a test.
 */
final class GitDaemon implements AutoCloseable {

    private final Path base;
    private final int port;
    private Process process;

    private GitDaemon(Path base, int port) {
        this.base = base;
        this.port = port;
    }

    /** Starts a daemon for {@code base} on a free port and waits until it accepts connections. */
    static GitDaemon start(Path base) throws IOException, InterruptedException {
        GitDaemon daemon = new GitDaemon(base, freePort());
        daemon.restart();
        return daemon;
    }

    /** The URL of repository {@code name} (a folder under the base). */
    String url(String name) {
        return "git://127.0.0.1:" + port + "/" + name;
    }

    /** Starts the daemon again on the same port (after {@link #stop}). */
    void restart() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("git", "daemon", "--reuseaddr", "--export-all",
                "--enable=receive-pack", "--base-path=" + base, "--listen=127.0.0.1", "--port=" + port,
                "--informative-errors", base.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("git daemon exited with " + process.exitValue());
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("git daemon did not listen on port " + port);
            }
            Thread.sleep(50);
        }
    }

    /** Stops the daemon; its port refuses connections afterwards. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        // a child serving a connection may outlive the listener for a moment; wait until nothing answers
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (accepts() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

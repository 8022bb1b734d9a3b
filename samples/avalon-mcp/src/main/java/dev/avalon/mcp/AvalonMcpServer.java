package dev.avalon.mcp;

import dev.avalon.tenants.SealKeyFile;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.Caller;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.core.port.AlertSink;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code java -jar avalon-mcp.jar --brain DIR [--zone Europe/Amsterdam] [--key-file FILE]}: Avalon as an
 * MCP server over stdio for one user (every scope) and one git brain, created when new. Standard output
 * carries the protocol only; logs go to standard error. While it runs, the scheduler ticks every minute
 * on the system clock. End of input or SIGTERM closes the brain.
 */
public final class AvalonMcpServer implements AutoCloseable {

    /** The instructions the server gives a client at initialisation. */
    public static final String INSTRUCTIONS = """
            Avalon keeps the user's logbook, reminders, calendar, finance pots, minutes and behaviour rules in a \
            git-versioned brain. Every tool is one Avalon action. When a result lists a QUESTION, put it to the \
            user in their words and answer it with question_answer only with what they chose: nothing is \
            applied or committed without their JA. question_list shows the open questions.""";

    /** How often the scheduler runs: Avalon's jobs are planned to the minute. */
    static final Duration TICK_EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(AvalonMcpServer.class);
    private static final String USAGE =
            "usage: java -jar avalon-mcp.jar --brain DIR [--zone Europe/Amsterdam] [--key-file FILE]";

    private final Avalon avalon;
    private final McpSyncServer server;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong ticks = new AtomicLong();

    /**
     * Serves {@code avalon} on {@code in}/{@code out} and ticks its scheduler every {@code tickEvery}
     * (a minute in the real server).
     */
    AvalonMcpServer(Avalon avalon, InputStream in, OutputStream out, Duration tickEvery) {
        this.avalon = avalon;
        AvalonTools tools = new AvalonTools(avalon.exportCatalog(CatalogFormat.MCP),
                (context, envelope) -> avalon.dispatch(envelope, Caller.owner()));
        this.server = McpServer.sync(new StdioServerTransportProvider(mapper(), in, out))
                .serverInfo("avalon", version())
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(mapper())
                .jsonSchemaValidator(new ToolSchemaValidator())
                // Avalon validates every call itself and names the offending field in its answer
                .validateToolInputs(false)
                .tools(tools.specifications())
                .build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "avalon-scheduler");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::tick, tickEvery.toMillis(), tickEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Serves until {@code in} ends; the exit code: 0 after a clean end, 2 for bad arguments, 1 when the brain cannot be opened. */
    static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help()) {
            err.println(USAGE);
            return 0;
        }
        CountDownLatch ended = new CountDownLatch(1);
        Avalon avalon;
        try {
            AlertSink alerts = alert -> LOG.warn("alert {} {}: {}", alert.level(), alert.code(), alert.message());
            avalon = BrainOpening.open(options.brain(), Clock.systemUTC(), options.zone(), alerts,
                    SealKeyFile.readOrCreate(options.keyFile()));
        } catch (RuntimeException e) {
            err.println("cannot open the brain " + options.brain() + ": " + e.getMessage());
            return 1;
        }
        AvalonMcpServer server = new AvalonMcpServer(avalon, new EndSignal(in, ended), out, TICK_EVERY);
        Thread hook = new Thread(server::close, "avalon-mcp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("serving {} over stdio", options.brain());
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook closes (again, harmlessly)
        }
        return 0;
    }

    private void tick() {
        try {
            avalon.tick();
            ticks.incrementAndGet();
        } catch (RuntimeException e) {
            // a failing job must not stop the next minute's tick
            LOG.error("the scheduler tick failed", e);
        }
    }

    /** How many scheduler ticks have run. */
    long ticks() {
        return ticks.get();
    }

    /** Stops the scheduler and the server, then closes the brain; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            LOG.debug("closing the MCP session", e);
        }
        avalon.close();
        LOG.info("brain closed");
    }

    /** The JSON mapper the server speaks the protocol with; clients of the same SDK use it too. */
    public static JacksonMcpJsonMapper mapper() {
        return new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper());
    }

    static String version() {
        String v = AvalonMcpServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The command line. */
    record Options(Path brain, ZoneId zone, Path keyFile, boolean help) {

        static Options parse(String[] args) {
            Path brain = null;
            ZoneId zone = ZoneId.of("Europe/Amsterdam");
            Path keyFile = SealKeyFile.defaultLocation(System.getenv(), System.getProperty("user.home"));
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--brain" -> brain = Path.of(value(args, ++i, "--brain"));
                    case "--zone" -> {
                        String z = value(args, ++i, "--zone");
                        try {
                            zone = ZoneId.of(z);
                        } catch (DateTimeException e) {
                            throw new IllegalArgumentException("--zone: " + z + " is not a time zone such as Europe/Amsterdam");
                        }
                    }
                    case "--key-file" -> keyFile = Path.of(value(args, ++i, "--key-file"));
                    case "-h", "--help" -> {
                        return new Options(null, zone, keyFile, true);
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (brain == null) {
                throw new IllegalArgumentException("--brain DIR is required");
            }
            return new Options(brain, zone, keyFile, false);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }

    /** Standard input that says when it has ended. */
    private static final class EndSignal extends FilterInputStream {
        private final CountDownLatch ended;

        EndSignal(InputStream in, CountDownLatch ended) {
            super(in);
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            try {
                return ended(super.read());
            } catch (IOException e) {
                // input that cannot be read any more has ended too
                ended.countDown();
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return ended(super.read(b, off, len));
            } catch (IOException e) {
                ended.countDown();
                throw e;
            }
        }

        private int ended(int n) {
            if (n < 0) {
                ended.countDown();
            }
            return n;
        }
    }
}

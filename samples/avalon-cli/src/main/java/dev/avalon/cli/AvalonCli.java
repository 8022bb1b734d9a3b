package dev.avalon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The {@code avalon} command: a thin host around the Avalon library on a git brain.
 *
 * <pre>{@code
 * java -jar avalon.jar demo
 * echo '{"action":"system.health"}' | java -jar avalon.jar run --brain ./brain
 * java -jar avalon.jar catalog --format openai
 * java -jar avalon.jar verify --brain ./brain
 * java -jar avalon.jar restore --from git://nas/brain.git --brain ./brain
 * java -jar avalon.jar keys create --tenant anna --scope calendar:read --expires 90d
 * }</pre>
 *
 * <p>Every command writes its answers to the command line's "out" writer and everything else (logs,
 * alerts, errors) to its "err" writer, so {@code run} can be piped. {@link #commandLine} builds the
 * whole command for in-process use (tests, embedding) with streams of the caller's choice.
 */
@Command(name = "avalon",
        mixinStandardHelpOptions = true,
        versionProvider = AvalonCli.Version.class,
        description = "Avalon: JSON actions in, JSON answers out; state in a git repository (the brain).",
        subcommands = {DemoCommand.class, RunCommand.class, CatalogCommand.class, VerifyCommand.class,
                RestoreCommand.class, KeysCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class AvalonCli implements Callable<Integer> {

    /** Exit code when the input was read but something it asked for failed or was refused. */
    static final int FAILED = 1;

    private final InputStream stdin;

    @Spec
    private CommandSpec spec;

    /** A root command whose {@code run} subcommand reads actions from {@code stdin}. */
    public AvalonCli(InputStream stdin) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    /** Runs the command with the process's streams and exits with its exit code. */
    public static void main(String[] args) {
        // JSON on the wire is UTF-8 whatever the platform's default charset is
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = commandLine(System.in, out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The full command tree reading from {@code in} and writing to {@code out} and {@code err}.
     * Call {@link CommandLine#execute} on it; it never calls {@link System#exit}.
     */
    public static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new AvalonCli(in));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(AvalonCli::failure);
        return cmd;
    }

    /**
     * How the user started this command, for hints they can copy: {@code java -jar <path>} when it
     * runs from the jar, otherwise just {@code avalon}.
     */
    static String invocation() {
        CodeSource source = AvalonCli.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            try {
                Path location = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(location) && location.toString().endsWith(".jar")) {
                    return "java -jar " + location;
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // a location that is not a file: the generic name is still a correct hint
            }
        }
        return "avalon";
    }

    InputStream stdin() {
        return stdin;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: demo, run, catalog, verify, restore or keys");
    }

    /**
     * An exception escaping a command is a failure of the machinery (the brain folder is not usable,
     * git broke): one readable line on err, not a stack trace a newcomer has to decode.
     */
    private static int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println("avalon " + cmd.getCommandName() + ": " + describe(e));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            err.println("  caused by: " + describe(cause));
        }
        err.flush();
        return FAILED;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The version from the jar's manifest; "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AvalonCli.class.getPackage().getImplementationVersion();
            return new String[] {"avalon " + (version == null ? "(development build)" : version)};
        }
    }
}

package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.git.BrainClone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code avalon restore}: brings a brain onto a new machine from its git remote or a backup bundle.
 * The history is cloned into a new folder and git's objects are checked; then Avalon opens it as a
 * restored brain: the audit chain, HEAD's audit-head trailer, every commit and behaviour.avl are
 * checked, and a sound brain is adopted under this machine's seal key (an audited
 * {@code brain.restored} entry). Finally {@code audit.verify} and {@code system.validate} run, as
 * {@code avalon verify} does. Exit 0 only when all of it holds.
 *
 * <p>What a backup holds is committed history: work that was never committed (answers not yet
 * consented, the journal of the running week) is not in it.
 */
@Command(name = "restore",
        mixinStandardHelpOptions = true,
        description = {
                "Restores a brain into a new folder from its git remote or a backup bundle, checks every object, "
                        + "the audit chain and every file, and adopts it under this machine's seal key.",
                "Exit code 0 when the restored brain checks out, 1 otherwise."})
final class RestoreCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "URL|BUNDLE",
            description = "Where the brain comes from: its git remote (git://, ssh://, https://, the path of a bare "
                    + "repository) or a backup bundle file.")
    private String from;

    @Option(names = "--brain", required = true, paramLabel = "DIR",
            description = "The new brain folder; must not exist or be empty.")
    private Path brain;

    @Mixin
    private AdapterOptions adapterOptions;

    @Mixin
    private SealKeyOptions sealKeyOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Brains.isNewOrEmpty(brain)) {
            err.println("avalon restore: " + brain + " is not empty; a brain is restored into a new folder so that "
                    + "nothing is overwritten");
            err.flush();
            return AvalonCli.FAILED;
        }
        BrainClone clone;
        try {
            clone = BrainClone.of(from, brain);
        } catch (BrainStoreException e) {
            err.println("avalon restore: " + e.getMessage());
            err.flush();
            return AvalonCli.FAILED;
        }
        List<String> problems = new ArrayList<>();
        out.println("Restored " + from + " into " + brain.toAbsolutePath().normalize());
        row(out, "HEAD", clone.head());
        row(out, "objects", clone.problems().isEmpty() ? "sound (every object present, hashed and well-formed)"
                : clone.problems().size() + " problem(s)");
        clone.problems().forEach(p -> out.println("    " + p));
        if (!clone.problems().isEmpty()) {
            problems.add("git's objects are damaged");
        }
        Clock clock = Clock.systemUTC();
        try (Avalon avalon = Brains.open(brain, clock, ZoneId.of("Europe/Amsterdam"), new AlertPrinter(err), null,
                adapterOptions.adapters(brain, clock), sealKeyOptions.createIfMissing(), from)) {
            ActionResult audit = avalon.dispatch("{\"action\":\"audit.verify\"}");
            ActionResult validation = avalon.dispatch("{\"action\":\"system.validate\"}");
            ActionResult health = avalon.dispatch("{\"action\":\"system.health\"}");
            String state = health instanceof ActionResult.Ok ok ? ok.data().path("state").asText("?") : "?";
            row(out, "state", state);
            if (!"STATE_NORMAL".equals(state)) {
                problems.add("the restored brain was not adopted (" + state + "); the alerts above say why");
            }
            if (audit instanceof ActionResult.Ok ok) {
                JsonNode a = ok.data();
                boolean intact = a.path("intact").asBoolean(false);
                row(out, "audit chain", (intact ? "intact" : "BROKEN") + ", " + a.path("entries").asLong()
                        + " entries");
                a.path("problems").forEach(p -> out.println("    " + p.path("file").asText() + "  "
                        + p.path("problem").asText()));
                if (!intact) {
                    problems.add("the audit chain or the history it anchors is broken");
                }
            } else {
                problems.add("audit.verify was refused");
            }
            if (validation instanceof ActionResult.Ok ok) {
                JsonNode v = ok.data();
                boolean valid = v.path("valid").asBoolean(false);
                row(out, "files", valid ? "every file validates" : v.path("problems").size() + " problem(s)");
                v.path("problems").forEach(p -> out.println("    " + p.path("path").asText() + "  "
                        + p.path("problem").asText()));
                if (!valid) {
                    problems.add("files of the brain do not validate");
                }
            } else {
                problems.add("system.validate was refused");
            }
        } catch (IllegalStateException e) {
            err.println("avalon restore: " + e.getMessage());
            err.flush();
            return AvalonCli.FAILED;
        }
        out.println();
        if (problems.isEmpty()) {
            out.println("OK: restored, checked and sealed with this machine's key (--key-file "
                    + sealKeyOptions.location() + ").");
        } else {
            out.println("NOT OK:");
            problems.forEach(p -> out.println("  - " + p));
        }
        out.flush();
        return problems.isEmpty() ? 0 : AvalonCli.FAILED;
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %-15s %s%n", label, value);
    }
}

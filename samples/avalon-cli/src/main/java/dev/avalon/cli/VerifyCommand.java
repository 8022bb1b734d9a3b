package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.base.Violation;
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
 * {@code avalon verify}: checks a brain through Avalon itself ({@code audit.verify},
 * {@code system.validate}, then {@code system.health}) and prints a short report. Exit 0 only when
 * behaviour.avl validates and is the version the audit log explains, every file of the brain (ledger,
 * sheets, journals, minutes, chatlogs …) validates, the audit chain, its sealed head and the branch's
 * commits agree, and the brain is neither in disaster recovery nor inconsistent; 1 otherwise, so
 * scripts and cron jobs can act on it.
 *
 * <p>Verifying is not read-only by design: when Avalon finds a corrupt brain it freezes it
 * (STATE_DR, CRITICAL alert) exactly as it would for any other host.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
                "Verifies a brain: behaviour.avl, every file against its schema, the hash-chained audit log "
                        + "and the governance state.",
                "Exit code 0 when all is well, 1 when something is wrong (a corrupt brain is put into "
                        + "disaster recovery, as Avalon always does)."})
final class VerifyCommand implements Callable<Integer> {

    private static final int MAX_NAMES = 6;

    @Spec
    private CommandSpec spec;

    @Option(names = "--brain", required = true, paramLabel = "DIR", description = "The brain folder to verify.")
    private Path brain;

    @Mixin
    private AdapterOptions adapterOptions;

    @Mixin
    private SealKeyOptions sealKeyOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Brains.exists(brain)) {
            err.println("avalon verify: no brain at " + brain + " (not a folder with a git repository)");
            err.flush();
            return AvalonCli.FAILED;
        }
        ActionResult audit;
        ActionResult validation;
        ActionResult health;
        Clock clock = Clock.systemUTC();
        try (Avalon avalon = Brains.open(brain, clock, ZoneId.of("Europe/Amsterdam"),
                new AlertPrinter(err), null, adapterOptions.adapters(brain, clock), sealKeyOptions.ifPresent())) {
            // audit first: a broken chain moves the brain to STATE_DR, and the health report must show that
            audit = avalon.dispatch("{\"action\":\"audit.verify\"}");
            validation = avalon.dispatch("{\"action\":\"system.validate\"}");
            health = avalon.dispatch("{\"action\":\"system.health\"}");
        } catch (IllegalStateException e) {
            // a sealed brain and no key for it: nothing was opened or written
            err.println("avalon verify: " + e.getMessage() + " (--key-file " + sealKeyOptions.location() + ")");
            err.flush();
            return AvalonCli.FAILED;
        }
        List<String> problems = new ArrayList<>();
        out.println("Avalon brain " + brain.toAbsolutePath().normalize());
        if (health instanceof ActionResult.Ok ok) {
            JsonNode h = ok.data();
            boolean valid = h.path("behaviourValid").asBoolean(false);
            String version = h.path("behaviourVersion").isTextual() ? h.path("behaviourVersion").textValue() : "?";
            row(out, "behaviour.avl", valid ? "valid, version " + version : "INVALID");
            if (!valid) {
                problems.add("behaviour.avl does not validate");
            }
            String state = h.path("state").asText("?");
            row(out, "state", state);
            if ("STATE_DR".equals(state)) {
                problems.add("the brain is in disaster recovery (STATE_DR)");
            }
            if ("STATE_INCONSISTENT".equals(state)) {
                problems.add("behaviour.avl is not the version governance made (STATE_INCONSISTENT)");
            }
            row(out, "last commit", h.path("headCommit").isTextual() ? h.path("headCommit").textValue() : "none yet");
            JsonNode uncommitted = h.path("uncommitted");
            row(out, "uncommitted", uncommitted.size() == 0 ? "nothing" : uncommitted.size() + " file(s): "
                    + abbreviated(texts(uncommitted)));
            row(out, "open questions", String.valueOf(h.path("openQuestions").asInt()));
        } else {
            problems.add("system.health was refused: " + refusal(health));
        }
        if (audit instanceof ActionResult.Ok ok) {
            JsonNode a = ok.data();
            boolean intact = a.path("intact").asBoolean(false);
            row(out, "audit chain", (intact ? "intact" : "BROKEN") + ", " + a.path("entries").asLong() + " entries, head "
                    + a.path("head").asText());
            for (JsonNode p : a.path("problems")) {
                out.println("    " + p.path("file").asText() + ":" + p.path("line").asLong() + "  "
                        + p.path("problem").asText());
            }
            if (!intact) {
                problems.add("the audit chain or the history it anchors is broken");
            }
        } else {
            problems.add("audit.verify was refused: " + refusal(audit));
        }
        if (validation instanceof ActionResult.Ok ok) {
            JsonNode v = ok.data();
            JsonNode fileProblems = v.path("problems");
            row(out, "files", v.path("valid").asBoolean(false) ? "every file validates against its schema"
                    : fileProblems.size() + " problem(s)");
            for (JsonNode p : fileProblems) {
                out.println("    " + p.path("path").asText() + "  " + p.path("problem").asText());
            }
            if (!v.path("valid").asBoolean(false)) {
                problems.add("files of the brain do not validate (" + fileProblems.size() + " problem(s))");
            }
        } else {
            problems.add("system.validate was refused: " + refusal(validation));
        }
        out.println();
        if (problems.isEmpty()) {
            out.println("OK: behaviour valid, every file valid, audit chain intact, not in disaster recovery.");
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

    /** The first few names: a working tree full of state files must not flood the report. */
    private static String abbreviated(List<String> names) {
        int shown = Math.min(names.size(), MAX_NAMES);
        String list = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? list + ", … (" + (names.size() - shown) + " more)" : list;
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static String refusal(ActionResult result) {
        ActionResult.Rejected r = (ActionResult.Rejected) result;
        StringBuilder sb = new StringBuilder(r.code().name()).append(": ").append(r.error().message());
        for (Violation v : r.error().details()) {
            sb.append("; ").append(v.path()).append(' ').append(v.problem());
        }
        return sb.toString();
    }
}

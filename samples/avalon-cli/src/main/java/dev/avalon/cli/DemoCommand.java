package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Violation;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.question.Question;
import dev.avalon.core.time.ManualClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code avalon demo}: the governance flow in four steps on a fresh brain, narrated. The user lowers
 * the reminder escalation threshold from 3 to 2; Avalon asks for approval, applies the patch and
 * bumps behaviour.avl from 1.0.0 to 1.0.1, asks consent to commit, and commits. The git log of the
 * brain is shown at the end, because the point is that the brain is an ordinary repository.
 *
 * <p>The clock is a manual clock at Monday 2026-11-23 08:00 in Amsterdam and the ids are sequential
 * ({@code Q-0001}, …), so every run reads the same apart from the commit SHA.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
                "Shows Avalon's governance flow on a new brain: propose a behaviour patch, approve it (JA), "
                        + "consent to the commit (JA), and look at the git log.",
                "Exit code 0 when every step succeeded, 1 when Avalon refused one."})
final class DemoCommand implements Callable<Integer> {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final LocalDateTime START = LocalDateTime.of(2026, 11, 23, 8, 0);
    static final String PATCH_ID = "USR-2026-0001";

    private static final String PROPOSAL = """
            {"action":"behaviour.propose_patch","data":{"patch":{
              "id":"USR-2026-0001","type":"PATCH","path":"reminderEscalationRules.threshold",
              "before":3,"after":2,"rationale":"Ik wil eerder een duwtje krijgen.",
              "riskLevel":"LOW","source":"USER"}}}""";

    @Spec
    private CommandSpec spec;

    @Option(names = "--brain", paramLabel = "DIR",
            description = "Where to create the brain: a new or empty folder (default: a new temporary folder).")
    private Path brain;

    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (brain != null && !Brains.isNewOrEmpty(brain)) {
            // the script assumes the default behaviour.avl; on an existing brain its first step would be refused
            err.println("avalon demo: " + brain + " is not empty; give a new or empty folder, or no --brain at all");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        Path folder = (brain != null ? brain : Brains.tempFolder("avalon-demo-")).toAbsolutePath().normalize();
        ManualClock clock = new ManualClock(START.atZone(ZONE).toInstant(), ZONE);

        out.println("Avalon demo: one behaviour change, from proposal to commit");
        out.println("  brain  " + folder + " (a new git repository)");
        out.println("  clock  " + START.format(DateTimeFormatter.ofPattern("EEEE yyyy-MM-dd HH:mm", Locale.ENGLISH))
                + " " + ZONE + " (a manual clock)");
        out.println();
        try (Avalon avalon = Brains.open(folder, clock, ZONE, new AlertPrinter(err), new SequentialIds())) {
            int code = script(avalon, folder);
            out.flush();
            return code;
        }
    }

    private int script(Avalon avalon, Path folder) {
        // 1. what is there now
        announce(1, "behaviour.get", "reminderEscalationRules.threshold");
        ActionResult current = avalon.dispatch("""
                {"action":"behaviour.get","data":{"path":"reminderEscalationRules.threshold"}}""");
        if (!(current instanceof ActionResult.Ok now)) {
            return refused(current, folder);
        }
        String oldVersion = now.data().path("version").asText();
        answer(CanonicalJson.string(now.data().path("value")) + ", in behaviour.avl version " + oldVersion);
        out.println();

        // 2. the user proposes a change; Avalon validates it and asks for approval
        announce(2, "behaviour.propose_patch", PATCH_ID + ": reminderEscalationRules.threshold 3 → 2"
                + " (PATCH, from USER, risk LOW)");
        ActionResult proposed = avalon.dispatch(PROPOSAL);
        Optional<Question> approval = question(proposed);
        if (approval.isEmpty()) {
            return refused(proposed, folder);
        }
        answer("accepted for review, status " + ((ActionResult.Ok) proposed).data().path("status").asText());
        asks(approval.get());

        // 3. JA: Avalon applies the patch in the working tree, bumps the version and asks to commit
        announce(3, "question.answer", approval.get().id() + " = JA");
        ActionResult applied = avalon.dispatch(answerJa(approval.get()));
        Optional<Question> consent = question(applied);
        if (consent.isEmpty()) {
            return refused(applied, folder);
        }
        JsonNode bump = ((ActionResult.Ok) applied).data();
        String newVersion = bump.path("newVersion").asText();
        answer("applied; behaviour.avl " + bump.path("oldVersion").asText() + " → " + newVersion
                + " (in the working tree, not committed yet)");
        asks(consent.get());

        // 4. JA to the exact content: Avalon commits, re-reads the commit and answers with its SHA
        announce(4, "question.answer", consent.get().id() + " = JA");
        ActionResult committed = avalon.dispatch(answerJa(consent.get()));
        if (!(committed instanceof ActionResult.Ok done) || !done.data().path("commitSha").isTextual()) {
            return refused(committed, folder);
        }
        String sha = done.data().path("commitSha").textValue();
        answer("committed " + sha.substring(0, Math.min(12, sha.length())) + ", behaviour.avl version "
                + done.data().path("version").asText(newVersion));
        out.println();

        out.println("Done.");
        out.println("  version  " + oldVersion + " → " + newVersion);
        out.println("  commit   " + sha);
        out.println("  brain    " + folder);
        out.println();
        printLog(avalon, folder);
        out.println();
        String avalonCommand = AvalonCli.invocation();
        out.println("Next:");
        out.println("  " + avalonCommand + " verify --brain " + folder);
        // the brain's audit log is on the demo's timeline; a later manual clock keeps its timestamps in order
        out.println("  echo '{\"action\":\"behaviour.history\"}' | " + avalonCommand + " run --brain " + folder
                + " --clock " + START.atZone(ZONE).toOffsetDateTime());
        return 0;
    }

    private void announce(int step, String action, String what) {
        out.println(step + ". " + action + "  " + what);
    }

    private void answer(String text) {
        out.println("   Avalon: " + text);
    }

    private void asks(Question q) {
        out.println("   Avalon asks " + q.id() + " (" + q.kind() + "): " + q.prompt() + " ["
                + String.join("/", q.options()) + "]");
        out.println();
    }

    /** The first question of an Ok answer; empty when the step was refused or asked nothing. */
    private static Optional<Question> question(ActionResult result) {
        if (result instanceof ActionResult.Ok ok && !ok.ask().isEmpty()) {
            return Optional.of(ok.ask().get(0));
        }
        return Optional.empty();
    }

    private static String answerJa(Question q) {
        ObjectNode request = Json.object();
        request.put("action", "question.answer");
        request.putObject("data").put("id", q.id()).put("answer", "JA");
        return CanonicalJson.string(request);
    }

    private int refused(ActionResult result, Path folder) {
        if (result instanceof ActionResult.Rejected r) {
            out.println("   Avalon refused: " + r.code() + ": " + r.error().message());
            for (Violation v : r.error().details()) {
                out.println("     " + v.path() + "  " + v.problem());
            }
        } else {
            out.println("   Avalon answered, but not as the demo expects: " + CanonicalJson.string(result.toJson()));
        }
        out.println();
        out.println("The demo stopped. The brain is left as it is in " + folder);
        out.flush();
        return AvalonCli.FAILED;
    }

    /** {@code git log --stat -n 5} by the git program; the library's view of the log when git is not installed. */
    private void printLog(Avalon avalon, Path folder) {
        Optional<GitCommandLine.Result> git = GitCommandLine.run(folder, "log", "--stat", "-n", "5");
        if (git.isPresent() && git.get().ok()) {
            out.println("$ git log --stat -n 5");
            git.get().output().lines().forEach(line -> out.println("  " + line));
            return;
        }
        if (git.isPresent()) {
            out.println("git log failed (exit " + git.get().exitCode() + "):");
            git.get().output().lines().forEach(line -> out.println("  " + line));
        } else {
            out.println("(git is not on the PATH; this is the brain's log as Avalon reads it)");
        }
        List<CommitInfo> log = avalon.brain().store().log(5);
        for (CommitInfo c : log) {
            out.println("  commit " + c.sha());
            out.println("  Date:   " + c.time());
            out.println();
            c.message().strip().lines().forEach(line -> out.println("      " + line));
            out.println();
        }
    }
}

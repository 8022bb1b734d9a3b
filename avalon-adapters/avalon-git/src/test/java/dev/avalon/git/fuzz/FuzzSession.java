package dev.avalon.git.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.MailSender;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.git.GitBrainStore;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.SequentialIds;
import dev.avalon.testkit.alert.RecordingAlertSink;
import dev.avalon.testkit.calendar.InMemoryRemoteCalendar;
import dev.avalon.testkit.fuzz.FuzzRequest;
import dev.avalon.testkit.invite.PlainInviteRenderer;
import dev.avalon.testkit.mail.RecordingMailSender;
import dev.avalon.testkit.sheet.InMemorySheetRenderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs one generated sequence of requests against an Avalon on a git brain, checking after each:
 * (a) a JSON answer and never INTERNAL_ERROR, (b) a refusal changes no file of the brain, and (c) every
 * {@code reopenEvery} acceptances and at the end, the brain opens again in a new Avalon whose
 * {@code system.health} is out of DR and whose {@code audit.verify} is intact.
 */
final class FuzzSession implements AutoCloseable {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** What the session does when a check fails. */
    interface Failures {
        void fail(String check, String failureClass, String record);
    }

    private final Path dir;
    private final MutableClock clock;
    private final SequentialIds ids = new SequentialIds();
    private final LiveRefs refs;
    private final int reopenEvery;
    private final FuzzTally tally;
    private final Failures failures;
    private final String seed;
    private final List<String> history = new ArrayList<>();
    private final InMemoryRemoteCalendar remote;
    private Avalon avalon;
    private int accepted;

    FuzzSession(Path dir, MutableClock clock, int reopenEvery, FuzzTally tally, Failures failures, String seed) {
        this.dir = dir;
        this.clock = clock;
        this.refs = new LiveRefs(clock, ZONE);
        this.reopenEvery = reopenEvery;
        this.tally = tally;
        this.failures = failures;
        this.seed = seed;
        this.remote = new InMemoryRemoteCalendar(clock);
        this.avalon = open();
    }

    /** An Avalon on the brain in {@code dir}, wired with the testkit's fakes for every other port. */
    static Avalon open(Path dir, MutableClock clock, SequentialIds ids, RemoteCalendar remote) {
        return Avalon.builder().brain(GitBrainStore.open(dir, clock)).clock(clock).zone(ZONE).ids(ids)
                .alerts(new RecordingAlertSink()).rateLimits(1_000_000, 1_000_000)
                .port(SheetRenderer.class, new InMemorySheetRenderer())
                .port(InviteRenderer.class, new PlainInviteRenderer())
                .port(MailSender.class, new RecordingMailSender())
                .port(RemoteCalendar.class, remote)
                .build();
    }

    private Avalon open() {
        return open(dir, clock, ids, remote);
    }

    void run(List<FuzzRequest> sequence) {
        for (int i = 0; i < sequence.size(); i++) {
            step(i, sequence.get(i));
        }
        reopenAndCheck("end of sequence");
    }

    private void step(int index, FuzzRequest request) {
        String raw = request.resolve(refs);
        Map<String, String> before = files();
        JsonNode answer;
        try {
            answer = avalon.dispatch(raw).toJson();
        } catch (RuntimeException | Error e) {
            failures.fail("(a) dispatch threw", request.action() + " " + request.inputClass() + " threw "
                    + e.getClass().getSimpleName(), record(index, request, raw, e.toString()));
            history.add(request.action() + " [" + request.inputClass() + "] threw");
            return;
        }
        boolean ok = answer.path("ok").asBoolean(false);
        String code = answer.path("error").path("code").asText("");
        history.add(request.action() + " [" + request.inputClass() + "] " + (ok ? "ok" : code));
        tally.sent(request, ok);
        if (!answer.has("ok")) {
            failures.fail("(a) answer without ok", request.action() + " " + request.inputClass() + " no ok",
                    record(index, request, raw, CanonicalJson.string(answer)));
        }
        if (code.equals("INTERNAL_ERROR")) {
            failures.fail("(a) INTERNAL_ERROR", request.action() + " " + request.inputClass() + " INTERNAL_ERROR",
                    record(index, request, raw, CanonicalJson.string(answer)));
        }
        if (!ok) {
            if (request.mix() == dev.avalon.testkit.fuzz.Mix.VALID) {
                tally.validRefused(request, code, FuzzRequest.shorten(raw) + " -> "
                        + FuzzRequest.shorten(CanonicalJson.string(answer.path("error"))));
            }
            if (request.action().equals("question.answer")
                    && List.of("QUESTION_CLOSED", "QUESTION_EXPIRED", "NOT_FOUND").contains(code)) {
                refs.forgetQuestion(idOf(raw));
            }
            List<String> changes = changes(before, files());
            if (!changes.isEmpty()) {
                failures.fail("(b) a refusal changed the brain", request.action() + " " + request.inputClass()
                        + " " + code + " changed files", record(index, request, raw, CanonicalJson.string(answer))
                        + "\nchanged: " + changes);
            }
            return;
        }
        refs.learn(answer, request.action(), parse(raw));
        accepted++;
        if (accepted % reopenEvery == 0) {
            reopenAndCheck("after " + request.action() + " [" + request.inputClass() + "] at step " + index);
        }
    }

    private void reopenAndCheck(String when) {
        avalon.close();
        try {
            avalon = open();
        } catch (RuntimeException e) {
            failures.fail("(c) the brain does not open again", "reopen threw " + e.getClass().getSimpleName(),
                    "when: " + when + "\n" + e + "\n" + context());
            return;
        }
        JsonNode health = avalon.dispatch("{\"action\":\"system.health\",\"data\":{}}").toJson();
        String state = health.path("data").path("state").asText("");
        if (!health.path("ok").asBoolean(false) || !(state.equals("STATE_NORMAL") || state.equals("STATE_AUTO_MODE"))) {
            failures.fail("(c) re-opened brain is not healthy", "system.health " + state + " "
                    + health.path("error").path("code").asText(""), "when: " + when + "\nhealth: "
                    + CanonicalJson.string(health) + "\n" + context());
        }
        JsonNode audit = avalon.dispatch("{\"action\":\"audit.verify\",\"data\":{}}").toJson();
        if (!audit.path("ok").asBoolean(false) || !audit.path("data").path("intact").asBoolean(false)) {
            failures.fail("(c) audit does not verify after re-open", "audit.verify "
                    + audit.path("error").path("code").asText("not intact"), "when: " + when + "\naudit: "
                    + CanonicalJson.string(audit) + "\n" + context());
        }
    }

    private String record(int index, FuzzRequest request, String raw, String answer) {
        return "seed: " + seed + "   (replay: -D" + dev.avalon.testkit.fuzz.FuzzRunSettings.SEED + "=" + seed + ")"
                + "\nstep " + index + ": " + request.action() + " [" + request.mix() + ", " + request.inputClass() + "]"
                + "\nrequest: " + FuzzRequest.shorten(raw)
                + "\nanswer: " + FuzzRequest.shorten(answer)
                + "\n" + context();
    }

    private String context() {
        return "clock: " + clock.instant() + "\nsequence so far:\n  " + String.join("\n  ", history);
    }

    private static String idOf(String raw) {
        JsonNode node = parse(raw);
        return node.path("data").path("id").asText("");
    }

    private static JsonNode parse(String raw) {
        try {
            return Json.parse(raw);
        } catch (IOException | RuntimeException e) {
            return Json.object();
        }
    }

    /** SHA-256 of every file of the brain but git's own and the store's scratch folder, by path. */
    private Map<String, String> files() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.equals(".git") || rel.startsWith(".git/") || rel.equals(".avalon")
                        || rel.startsWith(".avalon/") || !Files.isRegularFile(p)) {
                    continue;
                }
                files.put(rel, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String p : paths) {
            String was = before.get(p);
            String is = after.get(p);
            if (was == null) {
                changes.add("added " + p);
            } else if (is == null) {
                changes.add("removed " + p);
            } else if (!was.equals(is)) {
                changes.add("changed " + p);
            }
        }
        return changes;
    }

    @Override
    public void close() {
        avalon.close();
    }
}

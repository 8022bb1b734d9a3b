package dev.avalon.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.git.AvalonCrashChild.Scenario;
import dev.avalon.git.FaultingBrainStore.Fault;
import dev.avalon.git.FaultingBrainStore.When;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.harness.AvalonHarness;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Kills an Avalon between the user's answer and the end of what it causes, and checks what the next
 * open makes of it: a JA to a commit consent (behaviour patch, weekclose, finance check), an event
 * that mails an invite, a request with an idempotency key, and the way out of disaster recovery
 * (SAFE_RESTORE with the JA to its consent, KEEP_AND_REPAIR) on a brain frozen by a broken behaviour.avl.
 *
 * <p>Each scenario is set up once in this JVM, on a git brain, up to the moment before its step. Every
 * run copies that brain and starts a child JVM ({@link AvalonCrashChild}) that takes the step. The
 * fault-point tests first run the step without a kill to count its writes ({@code apply},
 * {@code commit}) and check that an uninterrupted step passes, then kill a child before and after
 * each of those writes in turn, with {@code Runtime.halt}. The random test kills the child with
 * SIGKILL a random time after it starts the step (inside the store's own writes too), and now and then
 * kills the next process as it opens the brain, so that finishing the interrupted step is interrupted
 * as well. After each kill this JVM opens the brain with a fresh Avalon (ids of its own, the same
 * mail file) and checks it, then {@code git fsck --full}.
 *
 * <p>What every check holds the brain to: every commit a killed process saw made or was answered with
 * is in {@code git log}; every commit carries the trailer of a COMMIT_CONSENT answered JA and holds
 * exactly the content that consent named; the audit chain verifies. Scenario by scenario, see the test
 * methods.
 *
 * <p>Replays: a failed fault point is named as {@code -Davalon.crash.ja.point=PATCH:2:after} (only
 * that point runs); a failed random run by its master seed, {@code -Davalon.crash.ja.seed=S} (the exact
 * moment of a SIGKILL is up to the scheduler). {@code -Davalon.crash.ja.runs=N} sets the number of
 * random kills (10 by default), {@code -Davalon.crash.ja.parallel=N} how many children run at once (2).
 * A thousand random kills (each costs a JVM start, about two CPU seconds):
 * <pre>
 * mvn -B -ntp -pl avalon-adapters/avalon-git -am test -Dtest='AvalonJaCrashTest#randomKills' \
 *     -Davalon.crash.ja.runs=1000 -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@DisplayName("A kill between a JA and the end of what it causes leaves a brain that finishes the step or asks again")
class AvalonJaCrashTest {

    private static final int HALTED = 137;
    private static final String WEEK = "2026-W47";
    private static final String NEXT_WEEK = "2026-W48";
    private static final String FINANCE_WEEK = "2026-W48";
    private static final String SUNDAY_EVENING = "2026-11-22T20:00:00+01:00";
    private static final String P1 = "USR-CRASH-1";
    private static final String P2 = "USR-CRASH-2";
    private static final BrainPath QUESTIONS = BrainPath.of("state/questions.json");
    private static final BrainPath LEDGER = BrainPath.of("finance/ledger.json");
    private static final BrainPath FINANCE_STATE = BrainPath.of("state/workflows/finance-check.json");
    private static final BrainPath OUTBOX = BrainPath.of("state/outbox.json");
    private static final BrainPath EVENTS = BrainPath.of("state/calendar/events.json");
    private static final BrainPath BEHAVIOUR = BrainPath.of("behaviour.avl");
    private static final String CONSENT_TRAILER = "Avalon-Consent";
    private static final BrainPath BY_HAND = BrainPath.of("notulen-by-hand.md");
    private static final byte[] BROKEN = "{broken".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path shared;

    private static final Map<Scenario, Path> TEMPLATES = new EnumMap<>(Scenario.class);
    private static final Map<Scenario, DryRun> DRY_RUNS = new EnumMap<>(Scenario.class);
    private static final AtomicInteger RUN_NUMBERS = new AtomicInteger();

    // ------------------------------------------------------------------ the tests

    @Test
    @DisplayName("behaviour patch: a kill at any write from the consent JA to the end of its commit leaves the patch "
            + "COMMITTED with its commit in history, or AWAITING_COMMIT with its consent open again; the next "
            + "patch is asked at once")
    void patchConsentAtEveryFaultPoint() throws Exception {
        atEveryFaultPoint(Scenario.PATCH);
    }

    @Test
    @DisplayName("weekclose: a kill at any write of the consent JA leaves the week CLOSED with its commit, or "
            + "AWAITING_CONSENT with its consent open again, never UNCOMMITTED; the next week starts")
    void weekcloseConsentAtEveryFaultPoint() throws Exception {
        atEveryFaultPoint(Scenario.WEEKCLOSE);
    }

    @Test
    @DisplayName("finance check: a kill at any write of the consent JA resumes the check of its own week, and "
            + "the income is counted once")
    void financeConsentAtEveryFaultPoint() throws Exception {
        atEveryFaultPoint(Scenario.FINANCE);
    }

    @Test
    @DisplayName("invite: a kill at any write of calendar.create_event leaves one mail per outbox key (a resend "
            + "only of a send the outbox had not recorded) and no mail for an event the brain does not hold")
    void inviteAtEveryFaultPoint() throws Exception {
        atEveryFaultPoint(Scenario.INVITE);
    }

    @Test
    @DisplayName("idempotency: a request with meta.idempotencyKey killed at any write answers its replay with the "
            + "stored answer once its unit of work is durable, and the replay changes nothing")
    void idempotencyAtEveryFaultPoint() throws Exception {
        atEveryFaultPoint(Scenario.IDEMPOTENCY);
    }

    @Test
    @DisplayName("disaster recovery, SAFE_RESTORE: a kill at any write from the answer to the end of the commit of "
            + "its consent leaves the brain frozen as before (the broken tree in place, no dr.restored) or restored "
            + "and audited, never between; answering again finishes it")
    void safeRestoreAtEveryFaultPoint() throws Exception {
        atEveryFaultPoint(Scenario.DR_SAFE_RESTORE);
    }

    @Test
    @DisplayName("disaster recovery, KEEP_AND_REPAIR: a kill at any write of the answer leaves the brain frozen as "
            + "before or repaired and audited, never between; answering again finishes it")
    void keepAndRepairAtEveryFaultPoint() throws Exception {
        atEveryFaultPoint(Scenario.DR_KEEP_AND_REPAIR);
    }

    @Test
    @DisplayName("the same steps killed at random moments (-Davalon.crash.ja.runs, 10 by default), some also "
            + "while the next process opens the brain")
    void randomKills() throws Exception {
        Assumptions.assumeTrue(System.getProperty("avalon.crash.ja.point") == null, "replaying one fault point");
        int runs = Integer.getInteger("avalon.crash.ja.runs", 10);
        long master = Long.getLong("avalon.crash.ja.seed", new Random().nextLong());
        Random random = new Random(master);
        Scenario[] scenarios = Scenario.values();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Callable<Optional<String>>> tasks = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            int number = i + 1;
            Scenario s = scenarios[i % scenarios.length];
            double fraction = random.nextDouble();
            boolean killOpen = random.nextInt(3) == 0;
            Fault openFault = new Fault(1 + random.nextInt(3), random.nextBoolean() ? When.BEFORE : When.AFTER);
            tasks.add(() -> randomRun(s, number, runs, fraction, killOpen, openFault, outcomes));
        }
        List<String> failures = inParallel(tasks);
        System.out.println(runs + " random kills, master seed " + master + ", by what the child was doing: " + outcomes);
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + runs + " random kills failed; master seed " + master
                    + " (replay with -Davalon.crash.ja.seed=" + master + " -Davalon.crash.ja.runs=" + runs + ")\n"
                    + String.join("\n", failures));
        }
    }

    /**
     * One random run: the step SIGKILLed {@code fraction × 1.3} of its uninterrupted duration after it
     * began, and with {@code killOpen} the next process halted at {@code openFault} while it opens the brain.
     */
    private static Optional<String> randomRun(Scenario s, int number, int runs, double fraction, boolean killOpen,
                                              Fault openFault, Map<String, Integer> outcomes) {
        String plan = s.name();
        try {
            DryRun dry = dryRun(s);
            long delayNanos = (long) (fraction * 1.3 * dry.micros() * 1000);
            plan = s + ", SIGKILL " + delayNanos / 1000 + " µs into the step (which takes about "
                    + dry.micros() + " µs)" + (killOpen ? ", then the next open halted at write " + openFault : "");
            Run run = newRun(s);
            List<Child> children = new ArrayList<>();
            Child child = child("step", s, run, run.tag(), "none", delayNanos);
            assertThat(child.exit()).as("exit of the child; its errors:%n%s", child.stderr()).isIn(0, HALTED);
            children.add(child);
            String during = child.exit() == 0 ? "finished" : child.lastWrite();
            if (killOpen) {
                Child opener = child("open", s, run, "o" + run.number(), openFault.toString(), null);
                assertThat(opener.exit()).as("exit of the opening child; its errors:%n%s", opener.stderr())
                        .isIn(0, HALTED);
                children.add(opener);
                during += opener.exit() == 0 ? ", open finished" : ", open halted";
            }
            synchronized (outcomes) {
                outcomes.merge(s + " " + during, 1, Integer::sum);
            }
            check(s, run, children);
            return Optional.empty();
        } catch (AssertionError | Exception e) {
            return Optional.of("run " + number + " of " + runs + " (" + plan + "):\n  "
                    + firstLines(e, 24).replace("\n", "\n  "));
        }
    }

    /** Runs the tasks on {@code -Davalon.crash.ja.parallel} threads (2 by default); the failures, in task order. */
    private static List<String> inParallel(List<Callable<Optional<String>>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Integer.getInteger("avalon.crash.ja.parallel", 2)));
        try {
            List<String> failures = new ArrayList<>();
            for (Future<Optional<String>> f : pool.invokeAll(tasks)) {
                f.get().ifPresent(failures::add);
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ fault points

    /** Kills a child before and after every write its step makes, one fault point per run, and checks each. */
    private void atEveryFaultPoint(Scenario s) throws Exception {
        Optional<String> replay = Optional.ofNullable(System.getProperty("avalon.crash.ja.point"));
        Assumptions.assumeTrue(replay.isEmpty() || replay.get().startsWith(s + ":"), "replaying another scenario");
        DryRun dry = dryRun(s);
        List<Fault> faults = new ArrayList<>();
        for (int n = 1; n <= dry.writes().size(); n++) {
            faults.add(new Fault(n, When.BEFORE));
            faults.add(new Fault(n, When.AFTER));
        }
        if (replay.isPresent()) {
            faults = List.of(Fault.parse(replay.get().substring(s.name().length() + 1)).orElseThrow());
        }
        List<Callable<Optional<String>>> runs = new ArrayList<>();
        for (Fault f : faults) {
            runs.add(() -> {
                String kind = f.write() <= dry.writes().size() ? dry.writes().get(f.write() - 1) : "?";
                try {
                    Run run = newRun(s);
                    Child child = child("step", s, run, run.tag(), f.toString(), null);
                    String expected = "FAULT " + f.write() + " " + kind + " " + f.when().label();
                    assertThat(child.lines()).as("the child halted at fault point %s; exit %s, errors:%n%s", f,
                            child.exit(), child.stderr()).contains(expected);
                    assertThat(child.exit()).isEqualTo(HALTED);
                    check(s, run, List.of(child));
                    return Optional.empty();
                } catch (AssertionError | Exception e) {
                    return Optional.of(s + " killed " + f.when().label() + " write " + f.write() + " (" + kind
                            + ") of " + dry.writes() + " [replay: -Davalon.crash.ja.point=" + s + ":" + f + "]:\n  "
                            + firstLines(e, 24).replace("\n", "\n  "));
                }
            });
        }
        List<String> failures = inParallel(runs);
        System.out.println(s + ": " + faults.size() + " fault points over the writes " + dry.writes() + ", "
                + failures.size() + " failed");
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + faults.size() + " fault points of " + s + " failed:\n"
                    + String.join("\n", failures));
        }
    }

    /** The writes of the uninterrupted step, in order, and how long it took in the child. */
    private record DryRun(List<String> writes, long micros) {
    }

    /** Runs the step once without a kill, checks it like a killed run, and keeps what it wrote. */
    private static synchronized DryRun dryRun(Scenario s) throws Exception {
        DryRun known = DRY_RUNS.get(s);
        if (known != null) {
            return known;
        }
        Run run = newRun(s);
        Child child = child("step", s, run, run.tag(), "none", null);
        assertThat(child.exit()).as("exit of the uninterrupted step; output %s; errors:%n%s", child.lines(),
                child.stderr()).isZero();
        List<String> writes = child.starting("WRITE").stream().map(l -> l.split(" ")[2]).toList();
        String[] end = child.starting("END").get(0).split(" ");
        assertThat(writes).as("writes of the step").isNotEmpty().hasSize(Integer.parseInt(end[1]));
        try {
            check(s, run, List.of(child));
        } catch (AssertionError e) {
            throw new AssertionError("the uninterrupted step of " + s + " does not pass the checks: " + e.getMessage(), e);
        }
        DryRun dry = new DryRun(writes, Long.parseLong(end[2]));
        DRY_RUNS.put(s, dry);
        return dry;
    }

    // ------------------------------------------------------------------ setting up

    /** One run: its own copy of the scenario's brain, a mail file next to it, and the tags of its processes. */
    private record Run(int number, Path brain, Path mail) {
        String tag() {
            return "c" + number;
        }
    }

    private static Run newRun(Scenario s) throws Exception {
        Path template = template(s);
        int n = RUN_NUMBERS.incrementAndGet();
        Path root = shared.resolve("run-" + n);
        Path brain = root.resolve("brain");
        copy(template, brain);
        Path mail = root.resolve("mail.txt");
        Files.createFile(mail);
        return new Run(n, brain, mail);
    }

    /** The brain of {@code s} as it stands just before the step, made once. */
    private static synchronized Path template(Scenario s) throws Exception {
        Path known = TEMPLATES.get(s);
        if (known != null) {
            return known;
        }
        Path root = shared.resolve("template-" + s);
        Path dir = root.resolve("brain");
        if (s.drStep()) {
            frozenTemplate(s, dir, root.resolve("mail.txt"));
            TEMPLATES.put(s, dir);
            return dir;
        }
        MutableClock clock = AvalonCrashChild.clockAt(s == Scenario.WEEKCLOSE
                ? OffsetDateTime.parse(SUNDAY_EVENING).toInstant() : s.now);
        try (AvalonHarness h = AvalonCrashChild.harness(GitBrainStore.open(dir, clock), clock, "s",
                root.resolve("mail.txt"), null)) {
            switch (s) {
                case PATCH -> {
                    AvalonHarness.Response proposed = h.raw(AvalonCrashChild.PATCH_1).assertOk();
                    assertThat(proposed.ask(0).path("kind").asText()).isEqualTo("PATCH_APPROVAL");
                    AvalonHarness.Response applied = h.raw(AvalonCrashChild.answer(proposed.askId(0), "JA")).assertOk();
                    assertThat(applied.ask(0).path("kind").asText()).isEqualTo("COMMIT_CONSENT");
                }
                case WEEKCLOSE -> {
                    recordWeek(h);
                    clock.setTo(s.now);
                    JsonNode w = h.dispatch("weekclose.start", "{\"week\":\"" + WEEK + "\"}").assertOk().data()
                            .path("weekclose");
                    assertThat(w.path("state").asText()).isEqualTo("ASKING");
                    JsonNode proposals = w.path("proposals");
                    assertThat(proposals.size()).as("proposals of the recorded week").isPositive();
                    AvalonHarness.Response last = null;
                    for (int p = 0; p < proposals.size(); p++) {
                        last = h.raw(AvalonCrashChild.answer(proposals.get(p).path("questionId").asText(),
                                p == 0 ? "JA" : "NEE")).assertOk();
                    }
                    assertThat(last.data().path("weekclose").path("state").asText()).isEqualTo("AWAITING_CONSENT");
                    assertThat(last.ask(0).path("kind").asText()).isEqualTo("COMMIT_CONSENT");
                }
                case FINANCE -> {
                    h.avalon().tick();
                    String income = openOfKind(h, "FINANCE_INCOME").get(0).path("id").asText();
                    AvalonHarness.Response allocation = h.dispatch("question.answer", "{\"id\":\"" + income
                            + "\",\"answer\":\"JA\",\"data\":" + AvalonCrashChild.INCOMES + "}").assertOk();
                    assertThat(allocation.ask(0).path("kind").asText()).isEqualTo("FINANCE_ALLOCATION");
                    AvalonHarness.Response consent = h.raw(AvalonCrashChild.answer(allocation.askId(0), "JA")).assertOk();
                    assertThat(consent.ask(0).path("kind").asText()).isEqualTo("COMMIT_CONSENT");
                }
                case INVITE, IDEMPOTENCY -> h.dispatch("system.health").assertOk();
                default -> throw new IllegalStateException(s.name());
            }
        }
        TEMPLATES.put(s, dir);
        return dir;
    }

    /**
     * Two committed patches, then behaviour.avl broken and a note put in by hand behind Avalon's back:
     * the next open freezes the brain (STATE_DR), and the DR_RESOLUTION question is open.
     */
    private static void frozenTemplate(Scenario s, Path dir, Path mail) throws Exception {
        MutableClock clock = AvalonCrashChild.clockAt(s.now.minus(Duration.ofHours(2)));
        try (AvalonHarness h = AvalonCrashChild.harness(GitBrainStore.open(dir, clock), clock, "s", mail, null)) {
            for (String[] p : new String[][] {{"USR-DR-1", "3", "2"}, {"USR-DR-2", "2", "1"}}) {
                AvalonHarness.Response proposed = h.dispatch("behaviour.propose_patch", "{\"patch\":{\"id\":\"" + p[0]
                        + "\",\"type\":\"PATCH\",\"path\":\"reminderEscalationRules.threshold\",\"before\":" + p[1]
                        + ",\"after\":" + p[2] + ",\"rationale\":\"Eerder een duwtje.\",\"riskLevel\":\"LOW\","
                        + "\"source\":\"USER\"}}").assertOk();
                clock.advance(Duration.ofMinutes(5));
                AvalonHarness.Response applied = h.raw(AvalonCrashChild.answer(proposed.askId(0), "JA")).assertOk();
                clock.advance(Duration.ofMinutes(5));
                h.raw(AvalonCrashChild.answer(applied.askId(0), "JA")).assertOk();
            }
        }
        Files.write(dir.resolve(BEHAVIOUR.value()), BROKEN);
        Files.writeString(dir.resolve(BY_HAND.value()), "kept aside, never lost");
        clock.advance(Duration.ofMinutes(10));
        try (AvalonHarness h = AvalonCrashChild.harness(GitBrainStore.open(dir, clock), clock, "t", mail, null)) {
            assertThat(governanceState(h)).isEqualTo("STATE_DR");
            if (openOfKind(h, "DR_RESOLUTION").isEmpty()) {
                h.dispatch("dr.start_resolution").assertOk();
            }
            assertThat(openOfKind(h, "DR_RESOLUTION")).hasSize(1);
        }
    }

    /** A week of entries (stress rising, a reminder moved) that leads to proposals, as in the weekclose tests. */
    private static void recordWeek(AvalonHarness h) {
        int[][] days = {{16, 4, 8, 2}, {17, 5, 7, 1}, {18, 6, 6, 3}, {20, 8, 5, 2}};
        for (int[] d : days) {
            h.dispatch("logbook.add_daily_entry", "{\"activiteit\":\"Offerte\",\"domein\":\"VSB\",\"stress\":" + d[1]
                    + ",\"motivatie\":" + d[2] + ",\"status\":\"partial\",\"moveCount\":" + d[3]
                    + ",\"date\":\"2026-11-" + d[0] + "\"}").assertOk();
        }
        String id = h.dispatch("reminder.create", "{\"title\":\"Offerte versturen\",\"due\":\"2026-11-23T09:00:00+01:00\","
                + "\"domein\":\"VSB\",\"task\":\"Offerte VSB\"}").assertOk().data().path("reminder").path("id").asText();
        h.dispatch("reminder.move", "{\"id\":\"" + id + "\",\"due\":\"2026-11-24T09:00:00+01:00\"}").assertOk();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    // ------------------------------------------------------------------ the checks

    /** What the killed processes saw, then the brain as a fresh Avalon in this JVM finds and finishes it. */
    private static void check(Scenario s, Run run, List<Child> children) throws Exception {
        Set<String> durable = new LinkedHashSet<>();
        for (Child c : children) {
            durable.addAll(c.commitsSeen());
            for (String ack : c.starting("ACK")) {
                assertThat(ack.split(" ")[2]).as("the step was answered ok: %s", ack).isEqualTo("ok");
            }
        }
        MutableClock clock = AvalonCrashChild.clockAt(s.now);
        GitBrainStore store = GitBrainStore.open(run.brain(), clock);
        SoftAssertions soft = new SoftAssertions();
        Set<String> sentOnDisk = new HashSet<>();
        try {
            // what the outbox had recorded as sent before anything of Avalon ran again
            readJson(store, OUTBOX).ifPresent(o -> o.path("invites").forEach(i -> {
                if ("SENT".equals(i.path("status").asText())) {
                    sentOnDisk.add(i.path("key").asText());
                }
            }));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        AvalonHarness opened;
        try {
            opened = AvalonCrashChild.harness(store, clock, "p" + run.number(), run.mail(), null);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        try (AvalonHarness h = opened) {
            commits(soft, store, durable, "after the reopening");
            switch (s) {
                case PATCH -> checkPatch(soft, h, store);
                case WEEKCLOSE -> checkWeekclose(soft, h, store);
                case FINANCE -> checkFinance(soft, h, store);
                case INVITE -> checkInvite(soft, h, store, run, children, sentOnDisk);
                case IDEMPOTENCY -> checkIdempotency(soft, h, store, children);
                case DR_SAFE_RESTORE, DR_KEEP_AND_REPAIR -> checkDr(soft, h, store, s, run);
                default -> throw new IllegalStateException(s.name());
            }
            commits(soft, store, durable, "at the end");
            soft.assertThat(h.dispatch("audit.verify").assertOk().data().path("intact").asBoolean())
                    .as("the audit chain verifies").isTrue();
        } catch (Exception | AssertionError e) {
            soft.fail("the check stopped: %s", firstLines(e, 8));
        }
        try {
            GitCli.fsckClean(run.brain());
        } catch (AssertionError e) {
            soft.fail("git fsck --full --strict: %s", e.getMessage());
        }
        List<AssertionError> problems = soft.assertionErrorsCollected();
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder(problems.size() + " problem(s) after the reopening:");
            problems.forEach(p -> message.append("\n- ").append(compact(p.getMessage())));
            throw new AssertionError(message.toString());
        }
    }

    /**
     * Every commit the killed processes saw returned (or were answered with) is in {@code git log}; every
     * commit carries the trailer of a COMMIT_CONSENT answered JA and holds exactly the content it named.
     */
    private static void commits(SoftAssertions soft, GitBrainStore store, Set<String> durable, String when)
            throws Exception {
        List<CommitInfo> log = store.log(Integer.MAX_VALUE);
        Set<String> shas = new HashSet<>(log.stream().map(CommitInfo::sha).toList());
        for (String sha : durable) {
            soft.assertThat(shas).as("%s: commit %s, which the killed process saw made, is in git log", when, sha)
                    .contains(sha);
        }
        Map<String, JsonNode> questions = questions(store);
        for (CommitInfo c : log) {
            String consent = c.trailers().get(CONSENT_TRAILER);
            soft.assertThat(consent).as("%s: commit %s (%s) carries the %s trailer", when, c.sha(),
                    c.message().lines().findFirst().orElse(""), CONSENT_TRAILER).isNotNull();
            if (consent == null) {
                continue;
            }
            JsonNode q = questions.get(consent);
            soft.assertThat(q).as("%s: the consent %s of commit %s is a question of the brain", when, consent, c.sha())
                    .isNotNull();
            if (q == null) {
                continue;
            }
            soft.assertThat(q.path("kind").asText() + " " + q.path("answer").asText())
                    .as("%s: the question %s of commit %s", when, consent, c.sha()).isEqualTo("COMMIT_CONSENT JA");
            Map<BrainPath, String> committed = store.contentHashes(c.sha());
            for (JsonNode f : q.path("data").path("files")) {
                soft.assertThat(committed.get(BrainPath.of(f.path("path").asText())))
                        .as("%s: %s in commit %s is the content consent %s named", when, f.path("path").asText(),
                                c.sha(), consent).isEqualTo(f.path("sha256").asText());
            }
        }
    }

    /**
     * P1's consent was answered JA while the process died: P1 is COMMITTED with a commit in history that
     * holds it, or AWAITING_COMMIT with a COMMIT_CONSENT for behaviour.avl open (and no commit holding
     * it). After JA to whatever is open, P1 is committed, and P2 on another path is asked at once.
     */
    private static void checkPatch(SoftAssertions soft, AvalonHarness h, GitBrainStore store) throws Exception {
        JsonNode p1 = patch(h, P1);
        List<String> holding = commitsHoldingPatch(store, P1);
        List<String> open = openConsentsNaming(h, BEHAVIOUR);
        String status = p1.path("status").asText();
        if (status.equals("COMMITTED")) {
            soft.assertThat(holding).as("P1 is COMMITTED: a commit in history holds it").isNotEmpty();
        } else if (status.equals("AWAITING_COMMIT")) {
            soft.assertThat(holding).as("P1 is AWAITING_COMMIT, but commit(s) %s hold it: the commit exists and the "
                    + "patch never learned it", holding).isEmpty();
            soft.assertThat(open).as("P1 is AWAITING_COMMIT with no COMMIT_CONSENT open (its consent %s is %s): "
                    + "nothing will ask again", p1.path("questionId").asText(),
                    question(store, p1.path("questionId").asText())).isNotEmpty();
        } else {
            soft.fail("P1 is %s after the reopening: %s", status, p1);
        }
        answerOpenQuestions(h);
        JsonNode after = patch(h, P1);
        soft.assertThat(after.path("status").asText()).as("P1 after JA to every open question: %s", after)
                .isEqualTo("COMMITTED");
        soft.assertThat(commitsHoldingPatch(store, P1)).as("a commit holds P1").isNotEmpty();
        committedAudits(store, P1).forEach(sha -> soft.assertThat(store.log(Integer.MAX_VALUE))
                .as("the governance.patch_committed of P1 names commit %s of the history", sha)
                .anyMatch(c -> c.sha().equals(sha)));

        AvalonHarness.Response proposed = h.raw(AvalonCrashChild.PATCH_2).assertOk();
        soft.assertThat(proposed.data().path("status").asText())
                .as("P2, proposed after the reopening, is asked at once (not queued behind a jammed chain): %s",
                        proposed).isEqualTo("AWAITING_APPROVAL");
        if (!"PATCH_APPROVAL".equals(proposed.ask(0).path("kind").asText())) {
            soft.fail("P2 got no PATCH_APPROVAL question; the chain: %s",
                    h.dispatch("governance.status").assertOk().data().path("patches"));
            return;
        }
        AvalonHarness.Response applied = h.raw(AvalonCrashChild.answer(proposed.askId(0), "JA")).assertOk();
        AvalonHarness.Response committed = h.raw(AvalonCrashChild.answer(applied.askId(0), "JA")).assertOk();
        String sha = committed.data().path("commitSha").asText();
        soft.assertThat(store.log(Integer.MAX_VALUE)).as("P2's commit is in history")
                .anyMatch(c -> c.sha().equals(sha));
        soft.assertThat(patch(h, P2).path("status").asText()).isEqualTo("COMMITTED");
        List<String> active = new ArrayList<>();
        h.dispatch("governance.status").assertOk().data().path("patches").forEach(p -> {
            String st = p.path("status").asText();
            if (st.equals("QUEUED") || st.startsWith("AWAITING")) {
                active.add(p.path("patch").path("id").asText() + " " + st);
            }
        });
        soft.assertThat(active).as("the chain is empty at the end").isEmpty();
    }

    /**
     * The weekclose's consent was answered JA while the process died: the week is CLOSED with a commit
     * that holds its sheet, or AWAITING_CONSENT with its consent open again; after the next tick it is
     * still one of those (never UNCOMMITTED), a JA closes it, and the next week's weekclose starts.
     */
    private static void checkWeekclose(SoftAssertions soft, AvalonHarness h, GitBrainStore store) throws Exception {
        weekcloseState(soft, h, store, "after the reopening");
        h.avalon().tick();
        weekcloseState(soft, h, store, "after the next tick");
        for (String q : openConsentsOfWorkflow(h, "weekclose", WEEK)) {
            h.raw(AvalonCrashChild.answer(q, "JA")).assertOk();
        }
        JsonNode w = weekclose(h, WEEK);
        soft.assertThat(w.path("state").asText()).as("weekclose %s at the end (reason: %s)", WEEK,
                w.path("reason").asText()).isEqualTo("CLOSED");
        String sha = w.path("commitSha").asText();
        soft.assertThat(store.log(Integer.MAX_VALUE)).as("the commit %s of weekclose %s is in history", sha, WEEK)
                .anyMatch(c -> c.sha().equals(sha));
        String sheet = w.path("sheet").path("path").asText();
        soft.assertThat(store.uncommitted()).as("the sheet and behaviour.avl are committed")
                .doesNotContain(BrainPath.of(sheet), BEHAVIOUR);

        h.clock().advance(Duration.ofDays(7));
        AvalonHarness.Response next = h.dispatch("weekclose.start", "{\"week\":\"" + NEXT_WEEK + "\"}");
        soft.assertThat(next.result().ok() && next.data().path("started").asBoolean())
                .as("weekclose.start of %s after the crash of %s: %s", NEXT_WEEK, WEEK, next).isTrue();
    }

    private static void weekcloseState(SoftAssertions soft, AvalonHarness h, GitBrainStore store, String when) {
        JsonNode w = weekclose(h, WEEK);
        String state = w.path("state").asText();
        String sheet = w.path("sheet").path("path").asText();
        List<String> holding = store.log(Integer.MAX_VALUE).stream()
                .filter(c -> store.contentHashes(c.sha()).containsKey(BrainPath.of(sheet))).map(CommitInfo::sha).toList();
        List<String> open = openConsentsOfWorkflow(h, "weekclose", WEEK);
        if (state.equals("CLOSED")) {
            soft.assertThat(holding).as("%s: weekclose %s is CLOSED with commit %s, which holds its sheet", when, WEEK,
                    w.path("commitSha").asText()).contains(w.path("commitSha").asText());
        } else if (state.equals("AWAITING_CONSENT")) {
            soft.assertThat(holding).as("%s: weekclose %s is AWAITING_CONSENT, but commit(s) %s hold its sheet: the "
                    + "commit exists and the week never learned it", when, WEEK, holding).isEmpty();
            soft.assertThat(open).as("%s: weekclose %s is AWAITING_CONSENT with no consent of it open (consent %s "
                    + "is %s)", when, WEEK, w.path("consentQuestionId").asText(),
                    question(store, w.path("consentQuestionId").asText())).isNotEmpty();
        } else {
            soft.fail("%s: weekclose %s is %s with reason '%s' (commits holding its sheet: %s)", when, WEEK, state,
                    w.path("reason").asText(), holding);
        }
    }

    /**
     * The finance check's consent was answered JA while the process died: the check of 2026-W48 is DONE
     * with its commit, or AWAITING_COMMIT with its consent open again; no second FINANCE_INCOME question
     * is asked, after the next tick either. A user then answers whatever is asked (the same income
     * again, should it be asked for) until the check is done: the income is in the ledger once.
     */
    private static void checkFinance(SoftAssertions soft, AvalonHarness h, GitBrainStore store) throws Exception {
        financeState(soft, h, store, "after the reopening");
        h.avalon().tick();
        financeState(soft, h, store, "after the next tick");
        for (int i = 0; i < 8; i++) {
            JsonNode state = readJson(store, FINANCE_STATE).orElseThrow();
            if (state.path("status").asText().equals("DONE")) {
                break;
            }
            List<JsonNode> open = new ArrayList<>();
            h.dispatch("question.list").assertOk().data().path("questions").forEach(open::add);
            Optional<JsonNode> next = open.stream().filter(q -> FINANCE_WEEK.equals(q.path("data").path("week").asText())
                    || FINANCE_WEEK.equals(q.path("data").path("context").path("week").asText())).findFirst();
            if (next.isEmpty()) {
                h.dispatch("finance.check_start").assertOk();
                continue;
            }
            String id = next.get().path("id").asText();
            switch (next.get().path("kind").asText()) {
                case "FINANCE_INCOME" -> h.dispatch("question.answer", "{\"id\":\"" + id
                        + "\",\"answer\":\"JA\",\"data\":" + AvalonCrashChild.INCOMES + "}").assertOk();
                default -> h.raw(AvalonCrashChild.answer(id, "JA")).assertOk();
            }
        }
        JsonNode state = readJson(store, FINANCE_STATE).orElseThrow();
        soft.assertThat(state.path("week").asText() + " " + state.path("status").asText())
                .as("the finance check at the end: %s", state).isEqualTo(FINANCE_WEEK + " DONE");
        soft.assertThat(store.log(Integer.MAX_VALUE)).as("its commit %s is in history", state.path("commitSha").asText())
                .anyMatch(c -> c.sha().equals(state.path("commitSha").asText()));
        soft.assertThat(incomeQuestions(store)).as("FINANCE_INCOME questions asked for %s", FINANCE_WEEK).hasSize(1);
        JsonNode ledger = readJson(store, LEDGER).orElseThrow();
        List<String> incomes = new ArrayList<>();
        ledger.path("entries").forEach(e -> {
            if ("INCOME".equals(e.path("kind").asText())) {
                incomes.add(e.path("id").asText() + " " + e.path("amount").asText() + " " + e.path("from").asText());
            }
        });
        soft.assertThat(incomes).as("the income entries of the ledger (the income was entered once)").hasSize(1);
        JsonNode overview = h.dispatch("finance.overview", "{\"week\":\"" + FINANCE_WEEK + "\"}").assertOk().data();
        soft.assertThat(overview.path("totals").path("weekIncome").asText()).as("finance.overview of %s: income",
                FINANCE_WEEK).isEqualTo("1250.00");
        soft.assertThat(store.uncommitted()).as("the ledger is committed").doesNotContain(LEDGER);
    }

    private static void financeState(SoftAssertions soft, AvalonHarness h, GitBrainStore store, String when)
            throws Exception {
        JsonNode state = readJson(store, FINANCE_STATE).orElseThrow();
        String status = state.path("status").asText();
        soft.assertThat(state.path("week").asText()).as("%s: the week of the finance check", when)
                .isEqualTo(FINANCE_WEEK);
        List<String> holding = new ArrayList<>();
        Map<String, JsonNode> questions = questions(store);
        for (CommitInfo c : store.log(Integer.MAX_VALUE)) {
            JsonNode q = questions.get(String.valueOf(c.trailers().get(CONSENT_TRAILER)));
            if (q != null && "finance-check".equals(q.path("data").path("context").path("workflow").asText())) {
                holding.add(c.sha());
            }
        }
        List<String> open = openConsentsOfWorkflow(h, "finance-check", FINANCE_WEEK);
        if (status.equals("DONE")) {
            soft.assertThat(holding).as("%s: the finance check is DONE with commit %s of its consent", when,
                    state.path("commitSha").asText()).contains(state.path("commitSha").asText());
        } else if (status.equals("AWAITING_COMMIT")) {
            soft.assertThat(holding).as("%s: the finance check is AWAITING_COMMIT, but commit(s) %s were made on its "
                    + "consent: the commit exists and the check never learned it", when, holding).isEmpty();
            soft.assertThat(open).as("%s: the finance check is AWAITING_COMMIT with no consent of it open (consent %s "
                    + "is %s)", when, state.path("questionId").asText(),
                    question(store, state.path("questionId").asText())).isNotEmpty();
        } else {
            soft.fail("%s: the finance check of %s is %s: %s", when, state.path("week").asText(), status, state);
        }
        soft.assertThat(incomeQuestions(store)).as("%s: FINANCE_INCOME questions asked for %s (a second one means a "
                + "new check started for the same week)", when, FINANCE_WEEK).hasSize(1);
    }

    /**
     * After the reopening and one tick: every outbox entry is SENT; every outbox key has a mail line and
     * every line an outbox key and an event the brain holds (listed by calendar.list_events); no process
     * sent a key twice, and this one resent only keys the outbox had not recorded as sent.
     */
    private static void checkInvite(SoftAssertions soft, AvalonHarness h, GitBrainStore store, Run run,
                                    List<Child> children, Set<String> sentOnDisk) throws Exception {
        h.avalon().tick();
        Map<String, String> eventsByUid = new HashMap<>();
        readJson(store, EVENTS).ifPresent(e -> e.path("events").forEach(ev -> eventsByUid.put(ev.path("uid").asText(),
                ev.path("id").asText())));
        Set<String> listed = new HashSet<>();
        h.dispatch("calendar.list_events", "{\"from\":\"2026-11-23T00:00:00+01:00\",\"to\":\"2026-12-01T00:00:00+01:00\"}")
                .assertOk().data().path("items").forEach(i -> listed.add(i.path("eventId").asText()));
        Map<String, String> outbox = new LinkedHashMap<>();
        h.dispatch("calendar.outbox").assertOk().data().path("invites").forEach(i -> outbox.put(i.path("key").asText(),
                i.path("status").asText()));
        List<FileMailSender.Line> mail = FileMailSender.read(run.mail());
        String parent = "p" + run.number();

        soft.assertThat(eventsByUid).as("events in the brain (the child created at most one)").hasSizeLessThanOrEqualTo(1);
        soft.assertThat(outbox).as("the outbox after the reopening and a tick: every invite SENT")
                .allSatisfy((key, status) -> assertThat(status).isEqualTo("SENT"));
        Map<String, List<String>> writersByKey = new LinkedHashMap<>();
        for (FileMailSender.Line line : mail) {
            writersByKey.computeIfAbsent(line.key(), k -> new ArrayList<>()).add(line.writer());
            soft.assertThat(eventsByUid).as("mail %s is for an event the brain holds", line).containsKey(line.uid());
            soft.assertThat(listed).as("calendar.list_events lists the event of mail %s", line)
                    .contains(String.valueOf(eventsByUid.get(line.uid())));
            soft.assertThat(outbox).as("mail %s belongs to an invite of the outbox", line).containsKey(line.key());
        }
        for (String key : outbox.keySet()) {
            soft.assertThat(writersByKey).as("the invite %s of the outbox was mailed", key).containsKey(key);
        }
        writersByKey.forEach((key, writers) -> {
            soft.assertThat(writers).as("the processes that mailed %s (none sends a key twice)", key).doesNotHaveDuplicates();
            soft.assertThat(writers.size()).as("mails for %s: one, plus at most one resend per restart", key)
                    .isLessThanOrEqualTo(children.size() + 1);
            if (sentOnDisk.contains(key)) {
                soft.assertThat(writers).as("%s was resent although the outbox had recorded it SENT", key)
                        .doesNotContain(parent);
            }
        });
    }

    /**
     * The request is replayed with its key: when its unit of work was durable before the kill (the income
     * is in the ledger), the replay answers with the stored answer (ok, the same entry, the data the
     * child was answered with if it was) and changes no file; otherwise it runs once. A second replay
     * answers the same and changes nothing; the same key with other data is a conflict.
     */
    private static void checkIdempotency(SoftAssertions soft, AvalonHarness h, GitBrainStore store,
                                         List<Child> children) throws Exception {
        List<String> before = incomeEntries(store);
        soft.assertThat(before).as("income entries after the reopening").hasSizeLessThanOrEqualTo(1);
        AvalonHarness.Snapshot s0 = h.snapshot();
        AvalonHarness.Response first = h.raw(AvalonCrashChild.KEYED_INCOME).assertOk();
        AvalonHarness.Snapshot s1 = h.snapshot();
        if (!before.isEmpty()) {
            soft.assertThat(first.data().path("entryId").asText())
                    .as("the replay answers with the stored answer: the entry that is already in the ledger (%s); "
                            + "answered %s", before, first).isEqualTo(before.get(0).split(" ")[0]);
            soft.assertThat(changed(s0, s1)).as("files the replay of a durable request changed").isEmpty();
        }
        for (Child c : children) {
            for (String ack : c.starting("ACK")) {
                JsonNode answered = Json.parse(ack.split(" ", 5)[4]);
                soft.assertThat(CanonicalJson.string(first.data())).as("the replay answers as the child was answered")
                        .isEqualTo(CanonicalJson.string(answered));
            }
        }
        AvalonHarness.Response second = h.raw(AvalonCrashChild.KEYED_INCOME).assertOk();
        soft.assertThat(CanonicalJson.string(second.data())).as("a second replay answers the same")
                .isEqualTo(CanonicalJson.string(first.data()));
        soft.assertThat(changed(s1, h.snapshot())).as("files a second replay changed").isEmpty();
        h.raw(AvalonCrashChild.KEYED_INCOME.replace("1250.00", "1300.00")).assertRejected(ErrorCode.IDEMPOTENCY_CONFLICT);
        soft.assertThat(incomeEntries(store)).as("income entries at the end (registered once)").hasSize(1);
    }

    /**
     * The DR answer was given (and, for SAFE_RESTORE, the consent it asks answered JA) while the process
     * died. The brain is as before the step: frozen, the broken behaviour.avl and the note made by hand in
     * place, no {@code dr.restored}/{@code dr.repaired} in the audit log; or as after it: unfrozen, the
     * step audited once, behaviour.avl valid (for SAFE_RESTORE the note gone, its consent open or
     * committed). Nothing in between. Answering again (asked again with dr.start_resolution if need be)
     * and JA to whatever is open ends in STATE_NORMAL with system.validate valid, the broken tree kept on
     * a {@code refs/avalon/dr/} ref, and behaviour.avl committed.
     */
    private static void checkDr(SoftAssertions soft, AvalonHarness h, GitBrainStore store, Scenario s, Run run)
            throws Exception {
        String audited = s == Scenario.DR_SAFE_RESTORE ? "dr.restored" : "dr.repaired";
        String state = governanceState(h);
        Optional<byte[]> behaviour = store.read(BEHAVIOUR);
        boolean broken = behaviour.isPresent() && java.util.Arrays.equals(behaviour.get(), BROKEN);
        boolean note = store.read(BY_HAND).isPresent();
        long entries = auditTypes(store).stream().filter(audited::equals).count();
        String seen = state + ", behaviour.avl " + (broken ? "broken" : "valid") + ", note by hand "
                + (note ? "present" : "gone") + ", " + entries + " " + audited + ", uncommitted " + store.uncommitted();
        if (state.equals("STATE_DR")) {
            soft.assertThat(broken && note && entries == 0)
                    .as("frozen after the reopening, so as before the step; found %s", seen).isTrue();
            String question = openOfKind(h, "DR_RESOLUTION").stream().map(q -> q.path("id").asText()).findFirst()
                    .orElseGet(() -> h.dispatch("dr.start_resolution").assertOk().askId(0));
            AvalonHarness.Response resolved = h.raw(AvalonCrashChild.answer(question, s.drAnswer())).assertOk();
            soft.assertThat(resolved.data().path("resolved").asBoolean()).as("answered again: %s", resolved).isTrue();
        } else if (state.equals("STATE_NORMAL")) {
            soft.assertThat(!broken && entries == 1 && note == (s == Scenario.DR_KEEP_AND_REPAIR))
                    .as("unfrozen after the reopening, so as after the step; found %s", seen).isTrue();
        } else {
            soft.fail("after the reopening: %s", seen);
        }
        answerOpenQuestions(h);
        soft.assertThat(governanceState(h)).as("the state at the end").isEqualTo("STATE_NORMAL");
        JsonNode validate = h.dispatch("system.validate").assertOk().data();
        soft.assertThat(validate.path("valid").asBoolean()).as("system.validate at the end: %s", validate).isTrue();
        soft.assertThat(auditTypes(store).stream().filter(audited::equals).count())
                .as("%s entries at the end", audited).isEqualTo(1);
        soft.assertThat(store.uncommitted()).as("behaviour.avl is committed at the end").doesNotContain(BEHAVIOUR);
        if (s == Scenario.DR_SAFE_RESTORE) {
            soft.assertThat(store.read(BY_HAND)).as("the note by hand is out of the restored tree").isEmpty();
            soft.assertThat(asideHoldingBrokenTree(run.brain()))
                    .as("a refs/avalon/dr/ ref keeps the broken behaviour.avl and the note by hand").isNotEmpty();
        }
    }

    private static String governanceState(AvalonHarness h) {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    /** The types of every audit entry, in order. */
    private static List<String> auditTypes(GitBrainStore store) throws IOException {
        List<String> types = new ArrayList<>();
        for (BrainPath file : store.list("audit")) {
            for (String line : new String(store.read(file).orElseThrow(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    types.add(Json.parse(line).path("type").asText());
                }
            }
        }
        return types;
    }

    /** The {@code refs/avalon/dr/} refs whose tree holds the broken behaviour.avl and the note by hand. */
    private static List<String> asideHoldingBrokenTree(Path brain) throws IOException {
        List<String> holding = new ArrayList<>();
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(brain.toFile());
             org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(git.getRepository())) {
            var repo = git.getRepository();
            for (var ref : repo.getRefDatabase().getRefsByPrefix(GitBrainStore.DR_REF_PREFIX)) {
                var tree = walk.parseCommit(ref.getObjectId()).getTree();
                try (var avl = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, BEHAVIOUR.value(), tree);
                     var byHand = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, BY_HAND.value(), tree)) {
                    if (avl != null && byHand != null
                            && java.util.Arrays.equals(repo.open(avl.getObjectId(0)).getBytes(), BROKEN)) {
                        holding.add(ref.getName());
                    }
                }
            }
        }
        return holding;
    }

    // ------------------------------------------------------------------ reading the brain

    private static Optional<JsonNode> readJson(GitBrainStore store, BrainPath path) throws IOException {
        Optional<byte[]> bytes = store.read(path);
        return bytes.isEmpty() ? Optional.empty() : Optional.of(Json.parse(bytes.get()));
    }

    /** Every question of the brain by id. */
    private static Map<String, JsonNode> questions(GitBrainStore store) throws IOException {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        readJson(store, QUESTIONS).ifPresent(b -> b.path("questions").forEach(q -> byId.put(q.path("id").asText(), q)));
        return byId;
    }

    /** A question in a few words, for messages. */
    private static String question(GitBrainStore store, String id) {
        try {
            JsonNode q = questions(store).get(id);
            return q == null ? "missing" : q.path("kind").asText() + " " + q.path("status").asText()
                    + (q.hasNonNull("answer") ? " " + q.path("answer").asText() : "");
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static List<JsonNode> openOfKind(AvalonHarness h, String kind) {
        List<JsonNode> found = new ArrayList<>();
        h.dispatch("question.list").assertOk().data().path("questions").forEach(q -> {
            if (kind.equals(q.path("kind").asText())) {
                found.add(q);
            }
        });
        return found;
    }

    private static List<String> openConsentsNaming(AvalonHarness h, BrainPath file) {
        return openOfKind(h, "COMMIT_CONSENT").stream()
                .filter(q -> q.path("data").path("files").findValuesAsText("path").contains(file.value()))
                .map(q -> q.path("id").asText()).toList();
    }

    private static List<String> openConsentsOfWorkflow(AvalonHarness h, String workflow, String week) {
        return openOfKind(h, "COMMIT_CONSENT").stream()
                .filter(q -> workflow.equals(q.path("data").path("context").path("workflow").asText())
                        && week.equals(q.path("data").path("context").path("week").asText()))
                .map(q -> q.path("id").asText()).toList();
    }

    /** JA to every open question (a few rounds, since a JA may ask the next). */
    private static void answerOpenQuestions(AvalonHarness h) {
        for (int round = 0; round < 5; round++) {
            List<JsonNode> open = new ArrayList<>();
            h.dispatch("question.list").assertOk().data().path("questions").forEach(open::add);
            if (open.isEmpty()) {
                return;
            }
            for (JsonNode q : open) {
                // the weekly finance check may have asked for the week's incomes meanwhile (its time can pass
                // while a run waits for its kill); a bare JA is no answer to that, and it is not what is checked
                if (!q.path("kind").asText().equals("FINANCE_INCOME")) {
                    h.raw(AvalonCrashChild.answer(q.path("id").asText(), "JA")).assertOk();
                }
            }
        }
    }

    private static JsonNode patch(AvalonHarness h, String id) {
        for (JsonNode p : h.dispatch("governance.status").assertOk().data().path("patches")) {
            if (id.equals(p.path("patch").path("id").asText())) {
                return p;
            }
        }
        return fail("patch %s is not in the chain", id);
    }

    /** The commits whose behaviour.avl has {@code patchId} in its history. */
    private static List<String> commitsHoldingPatch(GitBrainStore store, String patchId) throws IOException {
        List<String> holding = new ArrayList<>();
        for (CommitInfo c : store.log(Integer.MAX_VALUE)) {
            Optional<byte[]> avl = store.readAt(c.sha(), BEHAVIOUR);
            if (avl.isPresent() && Json.parse(avl.get()).path("history").findValuesAsText("patchId").contains(patchId)) {
                holding.add(c.sha());
            }
        }
        return holding;
    }

    /** The commit shas the audit log's governance.patch_committed entries name for {@code patchId}. */
    private static List<String> committedAudits(GitBrainStore store, String patchId) throws IOException {
        List<String> shas = new ArrayList<>();
        for (BrainPath file : store.list("audit")) {
            for (String line : new String(store.read(file).orElseThrow(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode e = Json.parse(line);
                if ("governance.patch_committed".equals(e.path("type").asText())
                        && patchId.equals(e.path("data").path("patchId").asText())) {
                    shas.add(e.path("data").path("commitSHA").asText());
                }
            }
        }
        return shas;
    }

    private static JsonNode weekclose(AvalonHarness h, String week) {
        return h.dispatch("weekclose.status", "{\"week\":\"" + week + "\"}").assertOk().data().path("weekclose");
    }

    private static List<String> incomeQuestions(GitBrainStore store) throws IOException {
        return questions(store).values().stream().filter(q -> "FINANCE_INCOME".equals(q.path("kind").asText())
                && FINANCE_WEEK.equals(q.path("data").path("week").asText()))
                .map(q -> q.path("id").asText() + " " + q.path("status").asText()).toList();
    }

    /** The ledger's income entries as {@code id amount source}. */
    private static List<String> incomeEntries(GitBrainStore store) throws IOException {
        List<String> found = new ArrayList<>();
        readJson(store, LEDGER).ifPresent(l -> l.path("entries").forEach(e -> {
            if ("INCOME".equals(e.path("kind").asText())) {
                found.add(e.path("id").asText() + " " + e.path("amount").asText() + " " + e.path("from").asText());
            }
        }));
        return found;
    }

    /** Files added, removed or changed between two snapshots, and whether the commits differ. */
    private static List<String> changed(AvalonHarness.Snapshot a, AvalonHarness.Snapshot b) {
        List<String> changed = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>(a.files().keySet());
        paths.addAll(b.files().keySet());
        for (String p : paths) {
            if (!String.valueOf(a.files().get(p)).equals(String.valueOf(b.files().get(p)))) {
                changed.add(p);
            }
        }
        if (!a.commits().equals(b.commits())) {
            changed.add("(commits)");
        }
        return changed;
    }

    /** An assertion message on one line, shortened. */
    private static String compact(String message) {
        String line = String.valueOf(message).replaceAll("\\s+", " ").trim();
        return line.length() > 500 ? line.substring(0, 500) + " …" : line;
    }

    private static String firstLines(Throwable e, int max) {
        String text = String.valueOf(e.getMessage());
        List<String> lines = text.lines().filter(l -> !l.isBlank()).limit(max).toList();
        return String.join("\n", lines) + (text.lines().filter(l -> !l.isBlank()).count() > max ? "\n…" : "");
    }

    // ------------------------------------------------------------------ the child processes

    /** What a child printed, how it ended and what it wrote on stderr. */
    private record Child(List<String> lines, int exit, String stderr) {

        List<String> starting(String word) {
            return lines.stream().filter(l -> l.equals(word) || l.startsWith(word + " ")).toList();
        }

        /** Commits the child saw the store make, and commits it was answered with. */
        List<String> commitsSeen() {
            List<String> shas = new ArrayList<>();
            for (String l : starting("WROTE")) {
                String[] w = l.split(" ");
                if (w[2].equals("commit")) {
                    shas.add(w[3]);
                }
            }
            for (String l : starting("ACK")) {
                String commit = l.split(" ")[3];
                if (!commit.equals("commit=-")) {
                    shas.add(commit.substring("commit=".length()));
                }
            }
            return shas;
        }

        /** The last write the child began or finished, for the statistics. */
        String lastWrite() {
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i);
                if (l.startsWith("WRITE ") || l.startsWith("WROTE ")) {
                    String[] w = l.split(" ");
                    return (w[0].equals("WRITE") ? "in " : "after ") + w[2];
                }
                if (l.equals("READY")) {
                    return "before the first write";
                }
            }
            return "opening";
        }
    }

    /**
     * Runs a child to its end: halted at its fault point, finished, or, with {@code killAfterNanos},
     * sent SIGKILL that long after it was told to take its step.
     */
    private static Child child(String mode, Scenario s, Run run, String tag, String fault, Long killAfterNanos)
            throws Exception {
        Path stderr = run.brain().resolveSibling(tag + "-" + mode + ".err");
        List<String> command = List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote", "-XX:-UsePerfData",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), AvalonCrashChild.class.getName(),
                mode, s.name(), run.brain().toString(), run.mail().toString(), s.now.toString(), tag, fault,
                killAfterNanos == null ? "nowait" : "go");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        Lines lines = new Lines(process.getInputStream());
        Thread reader = new Thread(lines, "ja-crash-child-reader");
        reader.start();
        try (OutputStream stdin = process.getOutputStream()) {
            if (killAfterNanos != null) {
                if (!lines.ready.await(120, TimeUnit.SECONDS)) {
                    throw new AssertionError("the child did not get ready: " + Files.readString(stderr));
                }
                stdin.write("GO\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                sleepNanos(killAfterNanos);
                process.destroyForcibly();
            }
        } catch (IOException e) {
            // the child is already gone: what it printed tells
        }
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not finish: " + lines.complete());
        }
        reader.join(30_000);
        return new Child(lines.complete(), process.exitValue(), Files.readString(stderr));
    }

    private static void sleepNanos(long nanos) {
        long deadline = System.nanoTime() + nanos;
        if (nanos > 200_000) {
            LockSupport.parkNanos(nanos - 100_000);
        }
        while (System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Reads a child's output; only lines that ended with a newline count. */
    private static final class Lines implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final List<String> complete = new ArrayList<>();
        final CountDownLatch ready = new CountDownLatch(1);

        Lines(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    if (b != '\n') {
                        buffer.write(b);
                        continue;
                    }
                    String line = buffer.toString(StandardCharsets.UTF_8);
                    buffer.reset();
                    synchronized (complete) {
                        complete.add(line);
                    }
                    if (line.equals("READY")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the child is gone; what was read is what counts
            }
        }

        List<String> complete() {
            synchronized (complete) {
                return List.copyOf(complete);
            }
        }
    }
}

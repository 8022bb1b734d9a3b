package dev.avalon.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.IdSource;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.MailSender;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.invite.PlainInviteRenderer;
import dev.avalon.testkit.sheet.InMemorySheetRenderer;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A child process for {@link AvalonJaCrashTest}: an {@code Avalon} on a git brain whose store halts
 * the process at a chosen write (see {@link FaultingBrainStore}), on a manual clock at a fixed instant,
 * with ids tagged by the process ({@code Q-c7-0001}) so that no two processes make the same id in one
 * brain, {@link PlainInviteRenderer}, {@link InMemorySheetRenderer} and a {@link FileMailSender}.
 *
 * <ul>
 *   <li>{@code step <scenario> <dir> <mail file> <instant> <tag> <fault|none> <go|nowait>}: opens the brain,
 *       finds the scenario's step with reads only and prints {@code READY}; with {@code go} it waits for
 *       a line on stdin; then it arms the store, dispatches the step and prints
 *       {@code ACK <action> ok|<error code> commit=<sha|->} (a DR step one more for the JA to the consent
 *       it asks) and {@code END <writes> <micros>}.</li>
 *   <li>{@code open <scenario> <dir> <mail file> <instant> <tag> <fault|none> -}: arms the store before
 *       Avalon opens the brain (so whatever the opening finishes can be interrupted), opens it, runs one
 *       {@code tick()} and prints {@code OPENED <writes>}.</li>
 * </ul>
 * Every line is flushed as it is printed; the store adds its {@code WRITE}/{@code WROTE}/{@code FAULT}
 * lines and the mail sender {@code MAIL <key>}.
 */
public final class AvalonCrashChild {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    /** P1, the patch whose commit consent is answered while the process may die. */
    static final String PATCH_1 = """
            {"action":"behaviour.propose_patch","data":{"patch":{"id":"USR-CRASH-1","type":"PATCH",
             "path":"reminderEscalationRules.threshold","before":3,"after":2,
             "rationale":"Eerder een duwtje.","riskLevel":"LOW","source":"USER"}}}""";

    /** P2, proposed after the reopening on another path: it must be asked at once. */
    static final String PATCH_2 = """
            {"action":"behaviour.propose_patch","data":{"patch":{"id":"USR-CRASH-2","type":"PATCH",
             "path":"calendar.bufferMinutes","before":10,"after":15,
             "rationale":"Meer ruimte tussen afspraken.","riskLevel":"LOW","source":"USER"}}}""";

    /** A VSB meeting: VSB sends invites (behaviour.avl's default), organizer agenda@example.org. */
    static final String VSB_EVENT = """
            {"action":"calendar.create_event","data":{"title":"Bestuursvergadering","start":"2026-11-24T19:30",
             "end":"2026-11-24T21:00","domain":"VSB","location":"Clubhuis",
             "attendees":["secretaris@example.org","penning@example.org"]}}""";

    static final String IDEMPOTENCY_KEY = "crash-income-2026-11-23";

    /** An income with an idempotency key: not idempotent by itself, a second run would register it twice. */
    static final String KEYED_INCOME = """
            {"action":"finance.register_income","data":{"amount":"1250.00","date":"2026-11-23",
             "source":"salaris","note":"november"},"meta":{"idempotencyKey":"crash-income-2026-11-23"}}""";

    /** What the finance check is told came in. */
    static final String INCOMES = """
            {"incomes":[{"amount":"1250.00","source":"salaris","date":"2026-11-23","note":"november"}]}""";

    /** The scenarios: where each stands when its step begins, and the step. */
    enum Scenario {
        /** Behaviour patch approved; the step is JA to its COMMIT_CONSENT. */
        PATCH("2026-11-23T10:00:00+01:00"),
        /** Weekclose of 2026-W47 awaiting consent; the step is JA to it. */
        WEEKCLOSE("2026-11-23T08:30:00+01:00"),
        /** Monday finance check of 2026-W48 with its income and allocation in; the step is JA to its consent. */
        FINANCE("2026-11-23T09:00:00+01:00"),
        /** A fresh brain; the step creates a VSB event, which mails an invite. */
        INVITE("2026-11-23T10:00:00+01:00"),
        /** A fresh brain; the step registers an income with an idempotency key. */
        IDEMPOTENCY("2026-11-23T10:00:00+01:00"),
        /**
         * behaviour.avl corrupted after two committed patches, the brain in STATE_DR with its DR_RESOLUTION
         * open; the step answers SAFE_RESTORE (the newest safe version offered) and JA to the consent it asks.
         */
        DR_SAFE_RESTORE("2026-11-23T10:00:00+01:00"),
        /** As {@link #DR_SAFE_RESTORE}; the step answers KEEP_AND_REPAIR. */
        DR_KEEP_AND_REPAIR("2026-11-23T10:00:00+01:00");

        final Instant now;

        Scenario(String now) {
            this.now = OffsetDateTime.parse(now).toInstant();
        }

        /** Whether the step is the JA to an open COMMIT_CONSENT. */
        boolean consentStep() {
            return this == PATCH || this == WEEKCLOSE || this == FINANCE;
        }

        /** Whether the step answers the open DR_RESOLUTION question (and JA to the consent it may ask). */
        boolean drStep() {
            return this == DR_SAFE_RESTORE || this == DR_KEEP_AND_REPAIR;
        }

        /** The answer of a DR step. */
        String drAnswer() {
            return this == DR_SAFE_RESTORE ? "SAFE_RESTORE" : "KEEP_AND_REPAIR";
        }
    }

    private AvalonCrashChild() {
    }

    /**
     * An Avalon on {@code store} wired as every process of these tests wires it.
     *
     * @param tag    goes into every id this Avalon makes and names it in the mail file
     * @param mail   the mail file
     * @param echo   where the mail sender reports its sends, or {@code null}
     */
    static AvalonHarness harness(BrainStore store, MutableClock clock, String tag, Path mail, PrintStream echo) {
        return AvalonHarness.on(store, clock, b -> b.ids(new TaggedIds(tag)).rateLimits(100_000, 100_000)
                .port(SheetRenderer.class, new InMemorySheetRenderer())
                .port(InviteRenderer.class, new PlainInviteRenderer())
                .port(MailSender.class, new FileMailSender(mail, tag, echo)));
    }

    static MutableClock clockAt(Instant now) {
        return new MutableClock(now, ZoneId.of("UTC"));
    }

    /** The request the scenario's step dispatches, found with reads only. */
    static String step(Scenario scenario, AvalonHarness h) {
        if (scenario.consentStep()) {
            return answer(openConsent(h), "JA");
        }
        if (scenario.drStep()) {
            return answer(openOfKind(h, "DR_RESOLUTION"), scenario.drAnswer());
        }
        return scenario == Scenario.INVITE ? VSB_EVENT : KEYED_INCOME;
    }

    /** The id of the one open COMMIT_CONSENT. */
    static String openConsent(AvalonHarness h) {
        return openOfKind(h, "COMMIT_CONSENT");
    }

    /** The id of the one open question of {@code kind}. */
    static String openOfKind(AvalonHarness h, String kind) {
        List<String> ids = new ArrayList<>();
        for (JsonNode q : h.dispatch("question.list").assertOk().data().path("questions")) {
            if (kind.equals(q.path("kind").asText())) {
                ids.add(q.path("id").asText());
            }
        }
        if (ids.size() != 1) {
            throw new IllegalStateException("expected one open " + kind + ", found " + ids);
        }
        return ids.get(0);
    }

    static String answer(String questionId, String answer) {
        return "{\"action\":\"question.answer\",\"data\":{\"id\":\"" + questionId + "\",\"answer\":\"" + answer + "\"}}";
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        String mode = args[0];
        Scenario scenario = Scenario.valueOf(args[1]);
        Path dir = Path.of(args[2]);
        Path mail = Path.of(args[3]);
        MutableClock clock = clockAt(Instant.parse(args[4]));
        String tag = args[5];
        FaultingBrainStore.Fault fault = FaultingBrainStore.Fault.parse(args[6]).orElse(null);
        boolean waitForGo = args[7].equals("go");

        FaultingBrainStore store = new FaultingBrainStore(GitBrainStore.open(dir, clock), fault, out);
        if (mode.equals("open")) {
            store.arm();
            try (AvalonHarness h = harness(store, clock, tag, mail, out)) {
                h.avalon().tick();
                out.println("OPENED " + store.writes());
            }
            return;
        }
        try (AvalonHarness h = harness(store, clock, tag, mail, out)) {
            String request = step(scenario, h);
            out.println("READY");
            if (waitForGo) {
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            store.arm();
            long start = System.nanoTime();
            ActionResult result = h.avalon().dispatch(request);
            ack(out, result);
            String consent = result.toJson().path("data").path("consentQuestionId").asText("");
            if (scenario.drStep() && result.ok() && !consent.isEmpty()) {
                // the restore asked consent to commit what came back: the JA belongs to the same step
                ack(out, h.avalon().dispatch(answer(consent, "JA")));
            }
            long micros = (System.nanoTime() - start) / 1000;
            out.println("END " + store.writes() + " " + micros);
        }
    }

    private static void ack(PrintStream out, ActionResult result) {
        JsonNode json = result.toJson();
        String sha = json.path("data").path("commitSha").asText("");
        out.println("ACK " + json.path("action").asText() + " "
                + (result.ok() ? "ok" : json.path("error").path("code").asText()) + " commit="
                + (sha.isEmpty() ? "-" : sha) + " " + CanonicalJson.string(json.path("data")));
    }

    /** Ids {@code <prefix>-<tag>-0001}, … : readable, reproducible, and distinct per process. */
    static final class TaggedIds implements IdSource {
        private final String tag;
        private final Map<String, Integer> counters = new HashMap<>();

        TaggedIds(String tag) {
            this.tag = tag;
        }

        @Override
        public synchronized String next(String prefix) {
            int n = counters.merge(prefix, 1, Integer::sum);
            return String.format("%s-%s-%04d", prefix, tag, n);
        }
    }
}

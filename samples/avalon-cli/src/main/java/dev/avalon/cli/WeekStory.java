package dev.avalon.cli;

import dev.avalon.core.calendar.CalendarFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.question.Question;
import dev.avalon.testkit.google.FakeCalendar;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The script of {@code avalon demo}: every step is an ordinary JSON action, exactly what a chat front
 * end would send, and each answer is told in a line or two. A step Avalon refuses where the script
 * expects success stops the story, says what was refused and leaves the brain as it is.
 */
final class WeekStory {

    private static final ZoneId ZONE = DemoCommand.ZONE;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE yyyy-MM-dd", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final Pattern FREE_SLOT = Pattern.compile("free: (\\S+) – (\\S+)");
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final String INDENT = "       ";

    /** One line of the logbook: the seed's field names on the wire. */
    private record Entry(String activiteit, String domein, int stress, int motivatie, String status, int moveCount) {
        String json(LocalDate date) {
            ObjectNode n = Json.object();
            n.put("activiteit", activiteit).put("domein", domein).put("stress", stress).put("motivatie", motivatie)
                    .put("status", status).put("moveCount", moveCount).put("date", date.toString());
            return CanonicalJson.string(n);
        }
    }

    /** Stress climbs through the week and motivation sinks, with moved tasks: what the insight engine notices. */
    private static final List<List<Entry>> WEEK = List.of(
            List.of(new Entry("Offerte VSB", "VSB", 3, 8, "done", 0),
                    new Entry("Weekstart team", "WERK", 4, 7, "done", 0)),
            List.of(new Entry("Bestuursvergadering", "VSB", 4, 7, "done", 1),
                    new Entry("Belastingaangifte", "FINANCIEN", 5, 5, "not_done", 1)),
            List.of(new Entry("Offerte uitwerken", "WERK", 5, 6, "partial", 2),
                    new Entry("Tandarts", "GEZONDHEID", 6, 5, "done", 0)),
            List.of(new Entry("Belastingaangifte", "FINANCIEN", 7, 4, "not_done", 2),
                    new Entry("Sportschool", "GEZONDHEID", 5, 6, "done", 1)),
            List.of(new Entry("Rapportage", "WERK", 7, 4, "partial", 2),
                    new Entry("Boodschappen", "PRIVE", 6, 5, "done", 0)),
            List.of(new Entry("Klussen", "PRIVE", 7, 5, "partial", 2),
                    new Entry("Hardlopen", "GEZONDHEID", 5, 6, "done", 0)),
            List.of(new Entry("Weekplanning", "PRIVE", 7, 4, "partial", 2),
                    new Entry("Belastingaangifte", "FINANCIEN", 8, 3, "partial", 2)));

    private static final String MINUTES = """
            # Bestuursvergadering VSB, 24 november 2026

            Aanwezig: Anne (voorzitter), Bram (secretaris), Carla (penningmeester).

            ## Besluiten

            - De contributie blijft in 2027 gelijk.
            - De nieuwjaarsborrel is op 9 januari in het clubhuis.

            ## Actiepunten

            - [ ] Begroting 2027 rondsturen @carla 📅 2026-12-01
            - [ ] Zaal voor de nieuwjaarsborrel reserveren @bram [due:: 2026-12-04]
            - [x] Notulen vorige vergadering vastgesteld @anne

            Actie: nieuwsbrief met de besluiten opstellen @anne due: 2026-12-02
            """;

    private final Avalon avalon;
    private final PrintWriter out;
    private final Path brain;
    private final Path mail;
    private final FakeCalendar googleCalendar;
    private final AlertTrail alerts;
    private final List<String> commits = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private LocalDate shownDay;

    /** A step the script needed was refused or answered unexpectedly. */
    private static final class Stopped extends RuntimeException {
        private final transient ActionResult result;

        Stopped(ActionResult result) {
            super("stopped", null, false, false);
            this.result = result;
        }
    }

    WeekStory(Avalon avalon, PrintWriter out, Path brain, Path mail, FakeCalendar googleCalendar, AlertTrail alerts) {
        this.avalon = avalon;
        this.alerts = alerts;
        this.out = out;
        this.brain = brain;
        this.mail = mail;
        this.googleCalendar = googleCalendar;
    }

    /** Plays the whole story; 0 when every step went as planned, 1 when one was refused. */
    int play() {
        try {
            behaviourChange();
            week();
            nextMonday();
            theEnd();
            seriesWithAnException();
            budgetAlert();
            recovery();
            next();
            return 0;
        } catch (Stopped stopped) {
            refused(stopped.result);
            return AvalonCli.FAILED;
        }
    }

    // ---------------------------------------------------------------- Monday 08:00: a behaviour change

    private void behaviourChange() {
        at(DemoCommand.START);
        JsonNode current = ok("behaviour.get", "{\"path\":\"reminderEscalationRules.threshold\"}").data();
        say("behaviour.get  reminderEscalationRules.threshold = " + current.path("value")
                + " (behaviour.avl " + current.path("version").asText() + ")");
        ActionResult.Ok proposed = ok("behaviour.propose_patch", """
                {"patch":{"id":"USR-2026-0001","type":"PATCH","path":"reminderEscalationRules.threshold",
                 "before":3,"after":2,"rationale":"Ik wil eerder een duwtje krijgen.","riskLevel":"LOW","source":"USER"}}""");
        say("behaviour.propose_patch  USR-2026-0001: reminderEscalationRules.threshold 3 → 2 (PATCH, from USER, risk LOW)");
        Question approval = asked(proposed, 0);
        ActionResult.Ok applied = answer(approval, "JA", null);
        JsonNode bump = applied.data();
        detail("applied: behaviour.avl " + bump.path("oldVersion").asText() + " → " + bump.path("newVersion").asText()
                + " (in the working tree, not committed yet)");
        commitOnJa(asked(applied, 0), "the behaviour change");
    }

    // ---------------------------------------------------------------- Monday to Sunday

    private void week() {
        LocalDate monday = DemoCommand.START.toLocalDate();
        at(DemoCommand.START.plusMinutes(10));
        createEvent("Weekstart team", monday.atTime(10, 0), 60, "WERK", null);
        vsbMeeting(monday.plusDays(1));
        createEvent("Tandarts", monday.plusDays(2).atTime(10, 0), 30, "GEZONDHEID", null);
        String sport = createEvent("Sportschool", monday.plusDays(3).atTime(18, 0), 60, "GEZONDHEID", null);
        autoPlan(monday.plusDays(2).atTime(10, 0));
        firstSync();

        at(DemoCommand.START.plusMinutes(30));
        String taxes = reminder("Belastingaangifte", monday.plusDays(1).atTime(9, 0), "FINANCIEN");
        String quote = reminder("Offerte VSB versturen", monday.atTime(15, 0), "VSB");

        at(monday.atTime(14, 30));
        ok("reminder.complete", "{\"id\":\"" + quote + "\"}");
        say("reminder.complete  " + quote + " 'Offerte VSB versturen': done");
        entries(monday, 0);

        LocalDate tuesday = monday.plusDays(1);
        at(tuesday.atTime(8, 0));
        moveReminder(taxes, tuesday.plusDays(1).atTime(9, 0));
        userMovesRemotely(sport, tuesday.plusDays(2).atTime(19, 30));
        at(tuesday.atTime(8, 15));
        syncReportsTheMove();
        entries(tuesday, 1);

        LocalDate wednesday = tuesday.plusDays(1);
        at(wednesday.atTime(8, 0));
        moveReminder(taxes, wednesday.plusDays(1).atTime(9, 0));
        entries(wednesday, 2);

        // the daily escalation check (reminderEscalationRules.checkTime 07:30) finds the reminder moved
        // threshold times
        LocalDate thursday = wednesday.plusDays(1);
        at(thursday.atTime(7, 30));
        JsonNode listed = ok("reminder.list", "{}").data().path("reminders");
        listed.forEach(r -> say("reminder.list  " + r.path("id").asText() + " '" + r.path("title").asText() + "' level "
                + r.path("levelName").asText(r.path("level").asText()) + ", moved " + r.path("moveCount").asInt() + "×"));
        for (int day = 3; day < 7; day++) {
            entries(monday.plusDays(day), day);
        }
        JsonNode week = ok("logbook.week", "{\"week\":\"2026-W48\"}").data();
        say("logbook.week  " + week.path("entries").size() + " entries in " + week.path("week").asText()
                + " (journaled in state/logbook/, safe across a crash)");
    }

    private String createEvent(String title, LocalDateTime start, int minutes, String domain, String extra) {
        ObjectNode data = event(title, start, minutes, domain);
        JsonNode result = ok("calendar.create_event", CanonicalJson.string(data)
                .replaceFirst("}$", extra == null ? "}" : "," + extra + "}")).data();
        String id = result.path("event").path("id").asText();
        say("calendar.create_event  " + id + " '" + title + "' " + when(start) + " (" + domain + ")"
                + overlaps(result));
        return id;
    }

    private static ObjectNode event(String title, LocalDateTime start, int minutes, String domain) {
        ObjectNode data = Json.object();
        data.put("title", title).put("start", start.toString()).put("end", start.plusMinutes(minutes).toString())
                .put("domain", domain);
        return data;
    }

    private static String overlaps(JsonNode result) {
        int n = result.path("overlaps").size();
        return n == 0 ? "" : ", overlaps " + n + " event(s) (FREE mode allows that)";
    }

    private String vsbMeeting(LocalDate day) {
        String id = createEvent("Bestuursvergadering", day.atTime(19, 30), 90, "VSB",
                "\"location\":\"Clubhuis\",\"attendees\":[\"secretaris@example.org\",\"penning@example.org\"]");
        JsonNode outbox = ok("calendar.outbox", "{}").data().path("invites");
        JsonNode invite = outbox.get(outbox.size() - 1);
        detail("VSB sends invites: " + invite.path("method").asText() + " SEQUENCE " + invite.path("sequence").asText()
                + " " + invite.path("status").asText() + " to secretaris@example.org, penning@example.org");
        Path eml = newestEml().orElseThrow(() -> new IllegalStateException("no .eml file in " + mail));
        detail("invite written to " + eml);
        files.add(eml);
        return id;
    }

    private void autoPlan(LocalDateTime wanted) {
        ObjectNode data = event("Offerte uitwerken", wanted, 120, "WERK");
        data.put("mode", "AUTO_PLAN");
        ActionResult result = avalon.dispatch(request("calendar.create_event", CanonicalJson.string(data)));
        if (!(result instanceof ActionResult.Rejected refused) || refused.code() != CalendarFeature.CALENDAR_CONFLICT) {
            throw new Stopped(result);
        }
        say("calendar.create_event  'Offerte uitwerken' " + when(wanted) + " (WERK, AUTO_PLAN)");
        detail("refused: " + refused.code() + ": " + refused.error().details().get(0).problem());
        Optional<OffsetDateTime> slot = refused.error().details().stream().map(Violation::problem)
                .map(FREE_SLOT::matcher).filter(Matcher::find).map(m -> OffsetDateTime.parse(m.group(1))).findFirst();
        if (slot.isEmpty()) {
            throw new Stopped(result);
        }
        LocalDateTime start = slot.get().atZoneSameInstant(ZONE).toLocalDateTime();
        detail("Avalon proposes free slots; the first is " + when(start));
        createEvent("Offerte uitwerken", start, 120, "WERK", "\"mode\":\"AUTO_PLAN\"");
    }

    private void firstSync() {
        JsonNode sync = ok("calendar.sync", "{}").data();
        say("calendar.sync  " + (sync.path("fullSync").asBoolean() ? "full sync" : "incremental sync") + ", pushed "
                + sync.path("pushed").size() + " event(s) to Google, " + sync.path("changes").size()
                + " remote change(s)");
    }

    private void userMovesRemotely(String eventId, LocalDateTime newStart) {
        JsonNode remote = googleCalendar.liveEvents().stream()
                .filter(e -> eventId.equals(e.path("extendedProperties").path("private").path("avalonId").asText()))
                .findFirst().orElseThrow(() -> new IllegalStateException(eventId + " is not in the Google calendar"));
        Instant start = newStart.atZone(ZONE).toInstant();
        Instant end = start.plusSeconds(duration(remote));
        googleCalendar.move(remote.path("id").asText(), start, end);
        say("(the user moves '" + remote.path("summary").asText() + "' to " + when(newStart)
                + " in Google Calendar on their phone)");
    }

    private static long duration(JsonNode remote) {
        return OffsetDateTime.parse(remote.path("end").path("dateTime").asText()).toEpochSecond()
                - OffsetDateTime.parse(remote.path("start").path("dateTime").asText()).toEpochSecond();
    }

    private void syncReportsTheMove() {
        JsonNode sync = ok("calendar.sync", "{}").data();
        say("calendar.sync  " + sync.path("changes").size() + " remote change(s):");
        for (JsonNode change : sync.path("changes")) {
            detail(change.path("kind").asText() + " " + change.path("eventId").asText() + " '"
                    + change.path("title").asText(change.path("summary").asText("")) + "'"
                    + (change.has("from") ? " from " + change.path("from").asText() + " to " + change.path("to").asText() : ""));
        }
    }

    private String reminder(String title, LocalDateTime due, String domain) {
        JsonNode r = ok("reminder.create", "{\"title\":\"" + title + "\",\"due\":\"" + offset(due) + "\",\"domein\":\""
                + domain + "\"}").data();
        String id = r.path("reminder").path("id").asText();
        say("reminder.create  " + id + " '" + title + "' due " + when(due) + " (" + domain + ", colour "
                + r.path("reminder").path("colour").asText() + ")");
        return id;
    }

    private void moveReminder(String id, LocalDateTime due) {
        JsonNode r = ok("reminder.move", "{\"id\":\"" + id + "\",\"due\":\"" + offset(due) + "\"}").data();
        JsonNode reminder = r.path("reminder");
        say("reminder.move  " + id + " '" + reminder.path("title").asText() + "' to " + when(due) + ": moved "
                + reminder.path("moveCount").asInt() + "×, " + reminder.path("movesUntilEscalation").asInt()
                + " move(s) until it escalates");
    }

    private void entries(LocalDate day, int index) {
        // the daily-log job prompts at 17:00 (behaviour.avl dailyLog.time); the user answers right away
        at(day.atTime(17, 0));
        List<String> told = new ArrayList<>();
        for (Entry e : WEEK.get(index)) {
            ok("logbook.add_daily_entry", e.json(day));
            told.add(e.activiteit() + " (" + e.domein() + ", stress " + e.stress() + ", motivatie " + e.motivatie()
                    + ", " + e.status() + (e.moveCount() > 0 ? ", moved " + e.moveCount() + "×" : "") + ")");
        }
        say("logbook.add_daily_entry  " + String.join("; ", told));
    }

    // ---------------------------------------------------------------- the next Monday

    private void nextMonday() {
        LocalDate monday = DemoCommand.START.toLocalDate().plusWeeks(1);
        weekclose(monday);
        financeCheck(monday);
        notulen(monday);
    }

    private void weekclose(LocalDate monday) {
        at(monday.atTime(8, 0));
        JsonNode status = ok("weekclose.status", "{\"week\":\"2026-W48\"}").data();
        JsonNode w = status.path("weekclose");
        say("weekclose.status  " + status.path("week").asText() + ": " + status.path("state").asText());
        String sheet = w.path("sheet").path("path").asText();
        detail("logbook sheet " + sheet + " (" + w.path("sheet").path("rows").asInt() + " rows, read back and checked)");
        JsonNode metrics = w.path("metrics").path("metrics");
        List<String> figures = new ArrayList<>();
        metrics.fields().forEachRemaining(m -> figures.add(m.getKey() + " " + (m.getValue().path("value").isNull()
                ? "n/a (" + m.getValue().path("reason").asText() + ")" : m.getValue().path("value").asText())));
        detail("metrics: " + String.join(", ", figures));
        JsonNode proposals = w.path("proposals");
        if (proposals.size() < 2) {
            throw new IllegalStateException("the demo week should lead to two proposals: " + w);
        }
        for (int i = 0; i < proposals.size(); i++) {
            JsonNode patch = proposals.get(i).path("patch");
            detail("proposal " + patch.path("id").asText() + ": " + patch.path("path").asText() + " "
                    + patch.path("before") + " → " + patch.path("after") + " (ML, risk "
                    + patch.path("riskLevel").asText() + ")");
        }
        for (int i = 0; i < proposals.size(); i++) {
            Question q = question(proposals.get(i).path("questionId").asText());
            detail("Avalon asks " + q.id() + " (" + q.kind() + "): " + q.prompt() + " [" + String.join("/", q.options()) + "]");
            answer(q, i == 0 ? "JA" : "NEE", null);
        }
        for (Question q : avalon.brain().questions().open(avalon.clock().instant())) {
            if (q.kind().name().equals("PERSONA_CHOICE")) {
                detail("Avalon asks " + q.id() + " (" + q.kind() + "): " + q.prompt() + " ["
                        + String.join("/", q.options()) + "]");
                answer(q, q.options().get(0), null);
            }
        }
        JsonNode after = ok("weekclose.status", "{\"week\":\"2026-W48\"}").data().path("weekclose");
        List<String> results = new ArrayList<>();
        after.path("proposals").forEach(p -> results.add(p.path("patch").path("id").asText() + " "
                + p.path("result").asText()));
        detail("applied in order: " + String.join(", ", results) + "; behaviour.avl "
                + after.path("behaviour").path("oldVersion").asText() + " → "
                + after.path("behaviour").path("newVersion").asText());
        Question consent = question(after.path("consentQuestionId").asText());
        detail("Avalon asks " + consent.id() + " (" + consent.kind() + "): " + consent.prompt() + " ["
                + String.join("/", consent.options()) + "]");
        commitOnJa(consent, "the weekclose of 2026-W48");
        detail("logbook sheet: " + brain.resolve(sheet));
        files.add(brain.resolve(sheet));
    }

    private void financeCheck(LocalDate monday) {
        JsonNode tick = at(monday.atTime(9, 0));
        Question income = jobQuestion(tick, "finance-check");
        ActionResult.Ok allocation = answer(income, "JA",
                "{\"incomes\":[{\"amount\":\"2450.00\",\"source\":\"salaris\"},{\"amount\":\"120.00\",\"source\":\"zorgtoeslag\"}]}");
        detail("registered: salaris € 2450.00, zorgtoeslag € 120.00");
        Question split = asked(allocation, 0);
        List<String> proposal = new ArrayList<>();
        split.data().path("proposal").fields().forEachRemaining(f -> proposal.add(f.getKey() + " € " + f.getValue().asText()));
        detail("default split of behaviour.avl: " + String.join(", ", proposal));
        ActionResult.Ok allocated = answer(split, "JA", null);
        String sheet = allocated.data().path("sheet").asText();
        JsonNode overview = ok("finance.overview", "{}").data();
        List<String> balances = new ArrayList<>();
        overview.path("balances").forEach(b -> balances.add(b.path("pot").asText() + " € " + b.path("balance").asText()));
        detail("pot balances: " + String.join(", ", balances) + "; unassigned € " + overview.path("unassigned").asText());
        detail("finance sheet: " + brain.resolve(sheet));
        files.add(brain.resolve(sheet));
        commitOnJa(asked(allocated, 0), "the finance check");
    }

    private void notulen(LocalDate monday) {
        at(monday.atTime(10, 0));
        JsonNode saved = ok("notulen.save", CanonicalJson.string(Json.object().put("project", "vsb-bestuur")
                .put("date", "2026-11-24").put("title", "Bestuursvergadering").put("markdown", MINUTES))).data();
        String path = saved.path("path").asText();
        say("notulen.save  " + path + " (" + saved.path("bytes").asInt() + " bytes, "
                + saved.path("actionPoints").asInt() + " action points)");
        files.add(brain.resolve(path));
        String file = path.substring(path.lastIndexOf('/') + 1);
        JsonNode points = ok("notulen.extract_action_points",
                "{\"project\":\"vsb-bestuur\",\"file\":\"" + file + "\"}").data().path("actionPoints");
        say("notulen.extract_action_points  " + points.size() + " action points:");
        for (JsonNode p : points) {
            detail((p.path("done").asBoolean() ? "[x] " : "[ ] ") + p.path("text").asText()
                    + (p.path("owner").isNull() ? "" : "  owner " + p.path("owner").asText())
                    + (p.path("due").isNull() ? "" : "  due " + p.path("due").asText())
                    + "  (line " + p.path("line").asInt() + ")");
        }
        ActionResult.Ok request = ok("notulen.request_commit", "{\"project\":\"vsb-bestuur\"}");
        say("notulen.request_commit  vsb-bestuur");
        commitOnJa(asked(request, 0), "the minutes");
    }

    // ---------------------------------------------------------------- the end

    private void theEnd() {
        JsonNode validation = ok("system.validate", "{}").data();
        out.println();
        out.println("Done. " + commits.size() + " commits, each after a JA to the exact files; system.validate: "
                + (validation.path("valid").asBoolean() ? "every file valid" : validation.path("problems").size() + " problem(s)")
                + ", audit chain " + (validation.path("auditIntact").asBoolean() ? "intact" : "BROKEN") + ".");
        out.println("  brain    " + brain);
        out.println("  mail     " + mail);
        for (Path f : files) {
            out.println("  file     " + f);
        }
        for (String c : commits) {
            out.println("  commit   " + c);
        }
        out.println();
        printLog();
    }

    /** How to go on with the brain; last, because its clock must be later than everything the demo audited. */
    private void next() {
        out.println();
        String avalonCommand = AvalonCli.invocation();
        out.println("Next:");
        out.println("  " + avalonCommand + " verify --brain " + brain);
        // the brain's audit log is on the demo's timeline; a later manual clock keeps its timestamps in order
        out.println("  echo '{\"action\":\"behaviour.history\"}' | " + avalonCommand + " run --brain " + brain
                + " --clock " + avalon.clock().instant().atZone(ZONE).toOffsetDateTime());
    }

    /** {@code git log --stat} by the git program; the library's view of the log when git is not installed. */
    private void printLog() {
        int n = commits.size();
        Optional<GitCommandLine.Result> git = GitCommandLine.run(brain, "log", "--stat", "-n", String.valueOf(n));
        if (git.isPresent() && git.get().ok()) {
            out.println("$ git log --stat -n " + n);
            git.get().output().lines().forEach(line -> out.println("  " + line));
            return;
        }
        if (git.isPresent()) {
            out.println("git log failed (exit " + git.get().exitCode() + "):");
            git.get().output().lines().forEach(line -> out.println("  " + line));
        } else {
            out.println("(git is not on the PATH; this is the brain's log as Avalon reads it)");
        }
        for (CommitInfo c : avalon.brain().store().log(n)) {
            out.println("  commit " + c.sha());
            out.println("  Date:   " + c.time());
            out.println();
            c.message().strip().lines().forEach(line -> out.println("      " + line));
            out.println();
        }
    }

    // ---------------------------------------------------------------- after the week: three short scenes

    private void seriesWithAnException() {
        out.println();
        out.println("-- a series with an exception --");
        LocalDate monday = DemoCommand.START.toLocalDate().plusWeeks(1);
        LocalDateTime first = monday.plusDays(3).atTime(20, 0);
        at(monday.atTime(11, 0));
        ObjectNode data = event("Kascommissie", first, 60, "VSB");
        data.put("location", "Clubhuis");
        data.putArray("attendees").add("penning@example.org");
        data.putObject("recurrence").put("freq", "WEEKLY").put("count", 4).putArray("byDay").add("TH");
        String id = ok("calendar.create_event", CanonicalJson.string(data)).data().path("event").path("id").asText();
        say("calendar.create_event  " + id + " 'Kascommissie' " + when(first) + ", weekly, 4 times (VSB, "
                + "invite to penning@example.org)");

        LocalDateTime cancelled = first.plusWeeks(1);
        at(monday.atTime(11, 5));
        ok("calendar.cancel_event", "{\"id\":\"" + id + "\",\"instance\":\"" + cancelled + "\"}");
        say("calendar.cancel_event  " + id + " instance " + when(cancelled) + " (the penningmeester is away)");

        at(monday.atTime(11, 10));
        ObjectNode move = Json.object();
        move.put("id", id).put("start", first.minusMinutes(30).toString()).put("end", first.plusMinutes(30).toString());
        ok("calendar.update_event", CanonicalJson.string(move));
        say("calendar.update_event  " + id + " the whole series 30 minutes earlier: " + when(first.minusMinutes(30)));

        JsonNode listed = ok("calendar.list_events", "{\"from\":\"" + offset(first.toLocalDate().atStartOfDay())
                + "\",\"to\":\"" + offset(first.toLocalDate().plusWeeks(4).atStartOfDay()) + "\"}").data();
        List<String> instances = new ArrayList<>();
        for (JsonNode e : listed.path("items")) {
            if (id.equals(e.path("eventId").asText())) {
                instances.add(when(LocalDateTime.parse(e.path("start").asText().substring(0, 16))));
            }
        }
        say("calendar.list_events  " + id + ": " + instances.size() + " instances: " + String.join(", ", instances));
        String exception = when(cancelled.minusMinutes(30));
        if (instances.size() != 3 || instances.contains(exception)) {
            throw new IllegalStateException("the move should keep the cancelled instance out: " + listed);
        }
        detail(exception + " stays cancelled: the move kept the exception");
        Path request = newestEml().orElseThrow(() -> new IllegalStateException("no .eml file in " + mail));
        detail("the new REQUEST " + request.getFileName() + " carries "
                + exdate(request).orElseThrow(() -> new IllegalStateException("no EXDATE in " + request)));
    }

    private void budgetAlert() {
        out.println();
        out.println("-- an automation: the budget alert --");
        at(shownDay.atTime(11, 30));
        JsonNode created = ok("automation.create_from_template",
                "{\"template\":\"budget-alert\",\"params\":{\"percent\":\"80\"}}").data();
        String id = created.path("id").asText();
        say("automation.create_from_template  budget-alert (percent 80): " + created.path("path").asText()
                + (created.path("enabled").asBoolean() ? ", enabled" : ", disabled"));
        ActionResult.Ok request = ok("automation.request_commit", "{}");
        say("automation.request_commit");
        commitOnJa(asked(request, 0), "the budget-alert automation");

        // boodschappen got € 514.00 this morning; € 420.00 of it is 81 %
        at(shownDay.atTime(12, 0));
        int mark = alerts.mark();
        ActionResult.Ok spent = ok("finance.spend", "{\"pot\":\"boodschappen\",\"amount\":\"420.00\",\"date\":\""
                + shownDay + "\",\"note\":\"kerstinkopen\"}");
        say("finance.spend  € 420.00 from boodschappen: balance € " + spent.data().path("balance").asText());
        // the run follows the action, so its alert may come after the answer: both are looked at
        List<Alert> notified = Stream.concat(spent.alerts().stream(), alerts.since(mark).stream())
                .filter(a -> "AUTOMATION_NOTICE".equals(a.code())).distinct().toList();
        if (notified.isEmpty()) {
            throw new Stopped(spent);
        }
        notified.forEach(a -> detail("alert " + a.level() + " " + a.code() + ": " + a.message()));
        JsonNode runs = ok("automation.runs", "{\"id\":\"" + id + "\"}").data().path("runs");
        JsonNode last = runs.get(runs.size() - 1);
        say("automation.runs  " + id + ": " + runs.size() + " run(s); the last " + last.path("runId").asText()
                + " (" + last.path("trigger").asText() + " " + last.path("event").asText() + "): "
                + last.path("status").asText());
    }

    private void recovery() {
        out.println();
        out.println("-- disaster recovery: a corrupt ledger --");
        at(shownDay.atTime(13, 0));
        Path ledger = brain.resolve("finance/ledger.json");
        try {
            Files.writeString(ledger, "{\"entries\": [ garbage", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ledger, e);
        }
        say("(something outside Avalon writes garbage into finance/ledger.json)");
        ActionResult refused = avalon.dispatch(request("finance.spend", "{\"pot\":\"boodschappen\",\"amount\":\"12.50\","
                + "\"date\":\"" + shownDay + "\",\"note\":\"bakker\"}"));
        if (!(refused instanceof ActionResult.Rejected r) || !ErrorCode.DR_ACTIVE.equals(r.code())) {
            throw new Stopped(refused);
        }
        say("finance.spend  refused: " + r.code() + ": " + r.error().message());

        JsonNode status = ok("dr.status", "{}").data();
        say("dr.status  " + status.path("state").asText() + ", trigger " + status.path("trigger").path("code").asText()
                + ", question " + status.path("questionId").asText());
        status.path("findings").forEach(f -> detail("finding (" + f.path("check").asText() + ") " + f.path("path").asText()
                + ": " + f.path("problem").asText()));
        JsonNode versions = ok("dr.safe_versions", "{\"limit\":3}").data().path("versions");
        if (versions.isEmpty()) {
            throw new IllegalStateException("no safe version to go back to");
        }
        JsonNode newest = versions.get(0);
        String sha = newest.path("sha").asText();
        say("dr.safe_versions  " + versions.size() + " safe version(s); the newest " + sha.substring(0, 12)
                + " (" + newest.path("summary").asText() + ", behaviour.avl " + newest.path("behaviourVersion").asText() + ")");

        Question resolution = question(status.path("questionId").asText());
        detail("Avalon asks " + resolution.id() + " (" + resolution.kind() + "): " + resolution.prompt() + " ["
                + String.join("/", resolution.options()) + "]");
        ActionResult.Ok restored = answer(resolution, "SAFE_RESTORE", "{\"sha\":\"" + sha + "\"}");
        JsonNode data = restored.data();
        detail("restored " + data.path("restoredFrom").asText().substring(0, 12) + ", " + data.path("state").asText()
                + " again; behaviour.avl " + data.path("behaviourVersion").asText() + " (a MAJOR bump); the tree as it was "
                + "is kept on " + data.path("asideRef").asText());
        detail("entered after that version: " + CanonicalJson.string(data.path("enteredAfter").path("counts")));
        data.path("replayed").forEach(path -> detail("replayed into " + path.asText()
                + ": what was registered there after that version is back"));
        commitOnJa(asked(restored, 0), "the restored files");

        at(shownDay.atTime(13, 5));
        JsonNode health = ok("system.health", "{}").data();
        say("system.health  " + health.path("state").asText() + ", behaviour.avl " + health.path("behaviourVersion").asText()
                + (health.path("behaviourValid").asBoolean() ? " valid" : " INVALID") + ", HEAD "
                + health.path("headCommit").asText());
        say("governance.status  " + ok("governance.status", "{}").data().path("state").asText());
        fsck();
    }

    /** {@code git fsck} by the git program, when there is one: the repository itself survived. */
    private void fsck() {
        Optional<GitCommandLine.Result> git = GitCommandLine.run(brain, "fsck", "--full");
        if (git.isEmpty()) {
            say("(git is not on the PATH; no git fsck)");
            return;
        }
        say("$ git fsck --full  " + (git.get().ok() ? "clean" : "exit " + git.get().exitCode()));
        git.get().output().lines().filter(l -> !l.isBlank()).forEach(this::detail);
    }

    private static Optional<String> exdate(Path eml) {
        try {
            return Files.readString(eml, StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("EXDATE")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + eml, e);
        }
    }

    // ---------------------------------------------------------------- steps and narration

    /** Moves the manual clock with {@code system.tick}, which also runs the jobs that fell due, and tells them. */
    private JsonNode at(LocalDateTime when) {
        LocalDate day = when.toLocalDate();
        if (!day.equals(shownDay)) {
            out.println();
            out.println("== " + DAY.format(day) + (day.getDayOfWeek() == DayOfWeek.MONDAY && shownDay != null
                    ? " (a new week)" : "") + " ==");
            shownDay = day;
        }
        JsonNode tick = ok("system.tick", "{\"now\":\"" + offset(when) + "\"}").data();
        out.println(TIME.format(when));
        for (JsonNode run : tick.path("ran")) {
            job(run).ifPresent(told -> detail("job " + run.path("job").asText()
                    + (run.path("late").asBoolean() ? " (late)" : "") + ": " + told));
        }
        return tick;
    }

    /** What a job did, when it is worth a line: routine runs that found nothing to do are not told. */
    private static Optional<String> job(JsonNode run) {
        JsonNode result = run.path("result");
        if (!run.path("ok").asBoolean()) {
            return Optional.of("FAILED: " + result.path("error").asText());
        }
        if ("weekclose".equals(run.path("job").asText())) {
            return Optional.of("starts the weekclose of last week");
        }
        if (!run.path("ask").isEmpty()) {
            JsonNode q = run.path("ask").get(0);
            return Optional.of("asks " + q.path("id").asText() + " (" + q.path("kind").asText() + "): "
                    + q.path("prompt").asText());
        }
        switch (run.path("job").asText()) {
            case "daily-log":
                return Optional.of("prompts \"" + result.path("prompt").asText() + "\"");
            case "reminder-escalation": {
                List<String> escalated = new ArrayList<>();
                result.path("escalated").forEach(e -> escalated.add("'" + e.path("title").asText() + "' moved "
                        + e.path("moveCount").asText("?") + "×: " + e.path("previousLevel").asText() + " → "
                        + e.path("levelName").asText()));
                return escalated.isEmpty() ? Optional.empty()
                        : Optional.of("ESCALATED " + String.join(", ", escalated));
            }
            case "ics-retry":
                return result.path("tried").isEmpty() ? Optional.empty()
                        : Optional.of("retried " + result.path("tried").size() + " invite(s)");
            default:
                return Optional.empty();
        }
    }

    private Question jobQuestion(JsonNode tick, String job) {
        for (JsonNode run : tick.path("ran")) {
            if (run.path("job").asText().equals(job) && !run.path("ask").isEmpty()) {
                return question(run.path("ask").get(0).path("id").asText());
            }
        }
        throw new IllegalStateException("the " + job + " job did not ask anything: " + tick);
    }

    private Question question(String id) {
        return avalon.brain().questions().find(id).orElseThrow(() -> new IllegalStateException("no question " + id));
    }

    /** Answers JA to a COMMIT_CONSENT and records the commit. */
    private void commitOnJa(Question consent, String what) {
        ActionResult.Ok done = answer(consent, "JA", null);
        String sha = done.data().path("commitSha").asText();
        if (sha.isEmpty()) {
            throw new Stopped(done);
        }
        commits.add(sha + "  " + what);
        detail("committed " + sha.substring(0, 12) + " (" + what + ")");
    }

    private ActionResult.Ok answer(Question q, String answer, String data) {
        ObjectNode request = Json.object();
        request.put("id", q.id()).put("answer", answer);
        if (data != null) {
            try {
                request.set("data", Json.parse(data));
            } catch (IOException e) {
                throw new UncheckedIOException("the demo's own answer data is not JSON: " + data, e);
            }
        }
        say("question.answer  " + q.id() + " = " + answer);
        return ok("question.answer", CanonicalJson.string(request));
    }

    /** The {@code i}-th question of an answer, told; the story stops when there is none. */
    private Question asked(ActionResult.Ok result, int i) {
        if (result.ask().size() <= i) {
            throw new Stopped(result);
        }
        Question q = result.ask().get(i);
        detail("Avalon asks " + q.id() + " (" + q.kind() + "): " + q.prompt() + " [" + String.join("/", q.options()) + "]");
        return q;
    }

    private ActionResult.Ok ok(String action, String data) {
        ActionResult result = avalon.dispatch(request(action, data));
        if (result instanceof ActionResult.Ok ok) {
            return ok;
        }
        throw new Stopped(result);
    }

    private static String request(String action, String data) {
        return "{\"action\":\"" + action + "\",\"data\":" + data + "}";
    }

    private void say(String line) {
        out.println(INDENT + line);
    }

    private void detail(String line) {
        out.println(INDENT + "  " + line);
    }

    private static String offset(LocalDateTime local) {
        // RFC 3339 wants the seconds, which OffsetDateTime.toString leaves out when they are zero
        return RFC_3339.format(local.atZone(ZONE));
    }

    private static String when(LocalDateTime t) {
        return t.format(DateTimeFormatter.ofPattern("EEE dd MMM HH:mm", Locale.ENGLISH));
    }

    private Optional<Path> newestEml() {
        try (var list = Files.list(mail)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".eml")).max(Path::compareTo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + mail, e);
        }
    }

    private void refused(ActionResult result) {
        if (result instanceof ActionResult.Rejected r) {
            out.println(INDENT + "Avalon refused " + r.action() + ": " + r.code() + ": " + r.error().message());
            for (Violation v : r.error().details()) {
                out.println(INDENT + "  " + v.path() + "  " + v.problem());
            }
        } else {
            out.println(INDENT + "Avalon answered, but not as the demo expects: " + CanonicalJson.string(result.toJson()));
        }
        out.println();
        out.println("The demo stopped. The brain is left as it is in " + brain);
        out.flush();
    }
}

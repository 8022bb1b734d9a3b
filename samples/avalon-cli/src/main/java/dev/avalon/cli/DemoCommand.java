package dev.avalon.cli;

import dev.avalon.core.Avalon;
import dev.avalon.core.time.ManualClock;
import dev.avalon.google.GoogleCalendar;
import dev.avalon.google.GoogleCalendarConfig;
import dev.avalon.mail.EmlDirectoryMailSender;
import dev.avalon.testkit.google.FakeGoogleCalendarServer;
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
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code avalon demo}: a realistic week on a new brain, narrated, in seconds. It starts with a
 * behaviour change from proposal to commit, then plays Monday to Sunday on a manual clock (daily
 * entries, reminders moved until one escalates, calendar events with a VSB invite written as an
 * {@code .eml} file, an AUTO_PLAN event moved to a free slot, a sync with a Google calendar in which
 * the "user" moved an event), and the next Monday's workflows, each ending in a commit the user
 * consented to. The git log of the brain is shown after the week, because the point is that the brain
 * is an ordinary repository. Three short scenes follow: a weekly series with one instance cancelled,
 * moved as a whole (the exception stays, and the new invite carries its EXDATE); the budget-alert
 * automation, enabled on JA and fired by a spend past 80 % of a pot; and disaster recovery from a
 * ledger corrupted behind Avalon's back (DR_ACTIVE, SAFE_RESTORE, JA, back to normal, fsck-clean).
 *
 * <p>The remote calendar is the testkit's loopback fake of the Google Calendar API on 127.0.0.1,
 * driven by the real Google adapter; no mail and no request leaves the machine. The clock is a
 * manual clock and ids are sequential ({@code Q-0001}, …), so every run reads the same apart from
 * commit SHAs, paths, the fake server's port and the time in the name of the recovery's aside ref
 * (the git store's own clock).
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
                "Plays a week with Avalon on a new brain in a few seconds: a behaviour change approved and "
                        + "committed, daily entries, reminders that escalate, calendar events with an invite "
                        + "(.eml) and a Google calendar sync, then Monday's weekclose, finance check and "
                        + "meeting notes, each committed on JA; the files and the git log. Then three scenes: "
                        + "a recurring event with a cancelled instance moved as a whole, a budget alert "
                        + "automation that fires, and recovery from a corrupt ledger.",
                "Exit code 0 when every step succeeded, 1 when Avalon refused one."})
final class DemoCommand implements Callable<Integer> {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** Monday 09:30: the week's Monday jobs (weekclose 08:00, finance check 09:00) belong to the week before. */
    static final LocalDateTime START = LocalDateTime.of(2026, 11, 23, 9, 30);

    @Spec
    private CommandSpec spec;

    @Option(names = "--brain", paramLabel = "DIR",
            description = "Where to create the brain: a new or empty folder (default: brain/ in a new temporary folder).")
    private Path brain;

    @Option(names = "--mail-dir", paramLabel = "DIR",
            description = "Where the invites go as .eml files (default: <brain>-mail next to the brain folder).")
    private Path mailDir;

    @picocli.CommandLine.Mixin
    private SealKeyOptions sealKeyOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (brain != null && !Brains.isNewOrEmpty(brain)) {
            // the script assumes the default behaviour.avl; on an existing brain its first step would be refused
            err.println("avalon demo: " + brain + " is not empty; give a new or empty folder, or no --brain at all");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        Path folder = (brain != null ? brain : Brains.tempFolder("avalon-demo-").resolve("brain"))
                .toAbsolutePath().normalize();
        Path mail = mailDir != null ? mailDir.toAbsolutePath().normalize() : AdapterOptions.defaultMailFolder(folder);
        if (mail.startsWith(folder)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--mail-dir: " + mail + " is inside the brain " + folder + "; give a folder outside it");
        }
        ManualClock clock = new ManualClock(START.atZone(ZONE).toInstant(), ZONE);

        try (FakeGoogleCalendarServer google = FakeGoogleCalendarServer.builder().clock(clock).start()) {
            GoogleCalendar remote = new GoogleCalendar(GoogleCalendarConfig.custom("primary",
                            FakeGoogleCalendarServer.CLIENT_ID, FakeGoogleCalendarServer.CLIENT_SECRET,
                            FakeGoogleCalendarServer.REFRESH_TOKEN)
                    .baseUri(google.baseUri()).tokenUri(google.tokenUri()).clock(clock).build());
            Adapters adapters = new Adapters(new EmlDirectoryMailSender(mail, clock), remote);

            out.println("Avalon demo: a week with Avalon, from Monday to the next Monday's weekly workflows");
            out.println("  brain   " + folder + " (a new git repository)");
            out.println("  mail    " + mail + " (invites as .eml files; no mail leaves this machine)");
            out.println("  google  " + google.baseUri() + " (a loopback fake of the Google Calendar API, "
                    + "used through the real adapter)");
            out.println("  clock   " + START.format(DateTimeFormatter.ofPattern("EEEE yyyy-MM-dd HH:mm", Locale.ENGLISH))
                    + " " + ZONE + " (a manual clock; the week takes seconds)");
            AlertTrail alerts = new AlertTrail(new AlertPrinter(err));
            // the limits count requests per minute of real time, in which the demo plays a whole week
            try (Avalon avalon = Brains.open(folder, clock, ZONE, alerts, new SequentialIds(), adapters,
                    sealKeyOptions.createIfMissing(), null,
                    b -> b.rateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE))) {
                int code = new WeekStory(avalon, out, folder, mail, google.calendar("primary"), alerts).play();
                out.flush();
                return code;
            }
        }
    }
}

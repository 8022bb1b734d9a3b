package dev.avalon.cli;

import dev.avalon.core.Avalon;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Caller;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.ReadLimits;
import dev.avalon.core.time.ManualClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;

/**
 * {@code avalon run}: one JSON action per input line, one JSON answer per output line, until the
 * input ends. Answers are the wire form of SPEC §2 on a single line; logs and alerts go to stderr
 * only, so the output can be piped into anything that reads JSON lines.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
                "Reads one JSON action per line from stdin and writes one JSON answer per line to stdout.",
                "Blank lines are skipped (no answer is written for them); a line that is not valid JSON (or not "
                        + "UTF-8) gets an INVALID_JSON answer and the session goes on. Logs and alerts go to stderr.",
                "",
                "Invites go to .eml files next to the brain unless --smtp-host is given; calendar.sync needs "
                        + "--google-base-url and the OAuth options (or their environment variables), or --caldav-url "
                        + "(with --caldav-user and --caldav-password-file when the server wants a login).",
                "",
                "Example:",
                "  echo '{\"action\":\"system.health\"}' | avalon run --brain ./brain"})
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    private AvalonCli root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--brain", required = true, paramLabel = "DIR",
            description = "The brain folder; a new or empty folder becomes a new brain.")
    private Path brain;

    @Option(names = "--clock", paramLabel = "ISO-8601",
            description = "Run on a manual clock starting at this moment (e.g. 2026-11-23T08:00:00+01:00); "
                    + "system.tick then moves it. Without it Avalon uses the system clock.")
    private String clock;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "Europe/Amsterdam",
            description = "The user's time zone (default: ${DEFAULT-VALUE}).")
    private String zone;

    @Option(names = "--sequential-ids",
            description = "Number ids per kind (Q-0001, R-0001, EV-0001, …) so a scripted session can name the "
                    + "questions it answers. Only for a new brain: the numbers are unique within one run only.")
    private boolean sequentialIds;

    @Mixin
    private AdapterOptions adapterOptions;

    @Mixin
    private SealKeyOptions sealKeyOptions;

    @Override
    public Integer call() throws IOException {
        ZoneId userZone = parseZone(zone);
        Clock actionClock = clock == null ? Clock.system(userZone) : new ManualClock(parseStart(clock, userZone), userZone);
        // options are checked before the brain is opened or created
        if (sequentialIds && !Brains.isNewOrEmpty(brain)) {
            throw new ParameterException(spec.commandLine(), "--sequential-ids: only for a new brain; " + brain
                    + " is not empty and its ids would collide with the numbered ones");
        }
        Adapters adapters = adapterOptions.adapters(brain, actionClock);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // lines longer than the payload limit are cut just past it so Avalon still refuses them as too large
        ByteLines lines = new ByteLines(root.stdin(), ReadLimits.defaults().maxPayloadBytes());
        try (Avalon avalon = Brains.open(brain, actionClock, userZone, new AlertPrinter(err),
                sequentialIds ? new SequentialIds() : null, adapters, sealKeyOptions.createIfMissing())) {
            byte[] line;
            boolean first = true;
            while ((line = lines.next()) != null) {
                if (first) {
                    line = withoutByteOrderMark(line);
                    first = false;
                }
                if (ByteLines.isBlank(line)) {
                    continue;
                }
                ActionResult result = avalon.dispatch(line, Caller.owner());
                out.println(CanonicalJson.string(result.toJson()));
                // a front end waits for each answer before it sends the next action
                out.flush();
                if (out.checkError()) {
                    // nobody reads the answers any more: running further actions would change the
                    // brain without anyone knowing
                    err.println("avalon run: cannot write answers to stdout any more; stopping");
                    err.flush();
                    return AvalonCli.FAILED;
                }
            }
        }
        return 0;
    }

    private ZoneId parseZone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new ParameterException(spec.commandLine(), "--zone: not a time zone: '" + text + "'");
        }
    }

    /** An instant ({@code …Z}), a date-time with an offset or zone, or a local date-time in {@code zone}. */
    private Instant parseStart(String text, ZoneId userZone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException ignored) {
            // not this form; try the next
        }
        try {
            return ZonedDateTime.parse(text).toInstant();
        } catch (DateTimeException ignored) {
            // not this form; try the next
        }
        try {
            return LocalDateTime.parse(text).atZone(userZone).toInstant();
        } catch (DateTimeException e) {
            throw new ParameterException(spec.commandLine(), "--clock: not an ISO-8601 date-time: '" + text
                    + "' (for example 2026-11-23T08:00:00+01:00)");
        }
    }

    /** Editors on some systems start a UTF-8 file with a byte order mark; it is not part of the JSON. */
    private static byte[] withoutByteOrderMark(byte[] line) {
        if (line.length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
            return java.util.Arrays.copyOfRange(line, 3, line.length);
        }
        return line;
    }
}

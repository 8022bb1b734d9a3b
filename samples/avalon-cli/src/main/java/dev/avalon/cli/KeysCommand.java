package dev.avalon.cli;

import dev.avalon.core.Avalon;
import dev.avalon.core.time.ManualClock;
import dev.avalon.mail.EmlDirectoryMailSender;
import dev.avalon.tenants.FileKeyRing;
import dev.avalon.tenants.IssuedKey;
import dev.avalon.tenants.KeyRecord;
import dev.avalon.tenants.ScopeCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code avalon keys}: the API keys a server in front of Avalon accepts, in one key file outside
 * every brain. A key is printed once, when it is created or rotated; the file keeps only its SHA-256.
 *
 * <pre>{@code
 * avalon keys create --tenant anna --scope calendar:read --scope finance:* --expires 90d
 * avalon keys list
 * avalon keys rotate 3fK9a0Qz --overlap 24h
 * avalon keys revoke 3fK9a0Qz
 * }</pre>
 */
@Command(name = "keys",
        mixinStandardHelpOptions = true,
        description = {
                "Creates, lists, rotates and revokes the API keys of the HTTP and MCP servers.",
                "Keys live in one file outside every brain (default $XDG_CONFIG_HOME/avalon/keys.json); a running",
                "server reads it again when it changes, so a revoked key stops working without a restart."},
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Rotate.class,
                KeysCommand.Revoke.class},
        synopsisSubcommandLabel = "COMMAND")
final class KeysCommand implements Callable<Integer> {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([dhms])");

    /** Opening an Avalon only to read its catalogue costs a throwaway git brain: once per process is enough. */
    private static ScopeCatalogue scopeCatalogue;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: create, list, rotate or revoke");
    }

    /** Where the default key file is: next to the seal key, in the user's config folder. */
    static Path defaultLocation() {
        return FileKeyRing.defaultLocation(System.getenv(), System.getProperty("user.home"));
    }

    /** The options every keys command shares. */
    static final class KeyFileOptions {
        @Option(names = "--keys", paramLabel = "FILE",
                description = "The key file. Default: $XDG_CONFIG_HOME/avalon/keys.json, else ~/.config/avalon/keys.json; "
                        + "created owner-only when missing.")
        Path file;

        @Option(names = "--clock", paramLabel = "ISO-8601",
                description = "Act as if it were this moment (e.g. 2026-12-01T10:00:00Z), for scripts and tests. "
                        + "Default: the system clock.")
        String clock;

        @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "Europe/Amsterdam",
                description = "The zone a date in --expires is read in (default: ${DEFAULT-VALUE}).")
        String zone;

        Path location() {
            return file != null ? file : defaultLocation();
        }

        ZoneId zoneId(CommandSpec spec) {
            try {
                return ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new ParameterException(spec.commandLine(), "--zone: not a time zone: '" + zone + "'");
            }
        }

        Clock clock(CommandSpec spec) {
            if (clock == null) {
                return Clock.systemUTC();
            }
            try {
                return new ManualClock(OffsetDateTime.parse(clock).toInstant());
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--clock: not an ISO-8601 date-time with offset: '"
                        + clock + "'");
            }
        }

        FileKeyRing ring(CommandSpec spec) {
            return new FileKeyRing(location(), clock(spec));
        }
    }

    /** {@code 90d}, {@code 24h}, {@code 30m}, {@code 45s} or an ISO-8601 duration such as {@code PT36H}. */
    static Duration parseDuration(String text) {
        Matcher m = SHORT_DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    }

    /** The moment {@code text} names: a duration from now, a date (its start in {@code zone}) or a date-time. */
    static Instant parseExpiry(String text, Instant now, ZoneId zone) {
        try {
            return now.plus(parseDuration(text));
        } catch (DateTimeParseException | ArithmeticException e) {
            // not a duration: a date or a date-time
        }
        try {
            return LocalDate.parse(text.strip()).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text.strip()).toInstant();
        }
    }

    /** The scopes a key may hold: those of the catalogue the servers serve, the same on every call. */
    private static synchronized ScopeCatalogue catalogue() {
        if (scopeCatalogue == null) {
            scopeCatalogue = readCatalogue();
        }
        return scopeCatalogue;
    }

    private static ScopeCatalogue readCatalogue() {
        // the catalogue does not depend on any brain, but an Avalon needs one: a throwaway folder
        Path scratch = Brains.tempFolder("avalon-keys-");
        try {
            Clock clock = Clock.systemUTC();
            Adapters adapters = new Adapters(new EmlDirectoryMailSender(scratch.resolve("mail"), clock), null);
            try (Avalon avalon = Brains.open(scratch.resolve("brain"), clock, ZoneId.of("Europe/Amsterdam"),
                    alert -> { }, null, adapters)) {
                return ScopeCatalogue.of(avalon.catalog());
            }
        } finally {
            Brains.deleteRecursively(scratch);
        }
    }

    private static void printIssued(PrintWriter out, IssuedKey issued) {
        KeyRecord record = issued.record();
        out.println("key      " + issued.key());
        out.println("id       " + record.id());
        out.println("tenant   " + record.tenant());
        out.println("scopes   " + String.join(" ", record.sortedScopes()));
        out.println("expires  " + record.expiresAt());
        out.flush();
    }

    private static int refused(CommandSpec spec, IllegalArgumentException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("avalon keys " + spec.name() + ": " + e.getMessage());
        err.flush();
        return AvalonCli.FAILED;
    }

    private static void warnShownOnce(CommandSpec spec, Path file) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("Store the key now: it is shown only this once. " + file + " keeps only its SHA-256.");
        err.flush();
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Issues a key for a tenant with the given scopes and prints it, once.")
    static final class Create implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private KeyFileOptions options;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT",
                description = "The tenant whose brain the key opens: [a-z0-9][a-z0-9-]{0,62}, its folder below the brains root.")
        private String tenant;

        @Option(names = "--scope", required = true, paramLabel = "SCOPE",
                description = "An action scope (calendar:read), an area (finance:*) or * for everything; repeatable.")
        private List<String> scopes;

        @Option(names = "--expires", paramLabel = "WHEN", defaultValue = "90d",
                description = "A time from now (90d, 12h), a date (2027-03-01: the key stops at its start in --zone) "
                        + "or a date-time with offset. Default: ${DEFAULT-VALUE}.")
        private String expires;

        @Override
        public Integer call() {
            FileKeyRing ring = options.ring(spec);
            ScopeCatalogue known = catalogue();
            Instant expiry;
            try {
                expiry = parseExpiry(expires, options.clock(spec).instant().truncatedTo(ChronoUnit.SECONDS),
                        options.zoneId(spec));
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--expires: not a duration (90d), a date (2027-03-01) "
                        + "or a date-time: '" + expires + "'");
            }
            try {
                IssuedKey issued = ring.create(tenant, scopes, expiry, known);
                printIssued(spec.commandLine().getOut(), issued);
                warnShownOnce(spec, ring.path());
                return 0;
            } catch (IllegalArgumentException e) {
                return refused(spec, e);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the keys: id, tenant, state, created, expires and scopes; never a key or a hash.")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private KeyFileOptions options;

        @Override
        public Integer call() {
            FileKeyRing ring = options.ring(spec);
            Instant now = options.clock(spec).instant();
            PrintWriter out = spec.commandLine().getOut();
            String row = "%-8s  %-20s  %-8s  %-20s  %-20s  %s%n";
            out.printf(row, "ID", "TENANT", "STATE", "CREATED", "EXPIRES", "SCOPES");
            for (KeyRecord key : ring.list()) {
                String scopes = String.join(" ", key.sortedScopes())
                        + (key.replacedBy() != null ? "  (rotated to " + key.replacedBy() + ")" : "");
                out.printf(row, key.id(), key.tenant(), key.state(now), key.createdAt(), key.worksUntil(), scopes);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Issues a new key for the same tenant and scopes and prints it, once; the old key keeps "
                    + "working during the overlap, then expires.")
    static final class Rotate implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private KeyFileOptions options;

        @Parameters(index = "0", paramLabel = "ID", description = "The id of the key to replace (see keys list).")
        private String id;

        @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "24h",
                description = "How long the old key keeps working (24h, 7d, 0s). Default: ${DEFAULT-VALUE}.")
        private String overlap;

        @Override
        public Integer call() {
            Duration window;
            try {
                window = parseDuration(overlap);
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--overlap: not a duration (24h, 7d): '" + overlap + "'");
            }
            FileKeyRing ring = options.ring(spec);
            try {
                IssuedKey issued = ring.rotate(id, window);
                printIssued(spec.commandLine().getOut(), issued);
                KeyRecord old = ring.list().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
                PrintWriter err = spec.commandLine().getErr();
                err.println("The old key " + id + " works until " + old.worksUntil() + ".");
                warnShownOnce(spec, ring.path());
                return 0;
            } catch (IllegalArgumentException e) {
                return refused(spec, e);
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a key at once; a running server refuses it from its next request.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private KeyFileOptions options;

        @Parameters(index = "0", paramLabel = "ID", description = "The id of the key to revoke (see keys list).")
        private String id;

        @Override
        public Integer call() {
            try {
                KeyRecord revoked = options.ring(spec).revoke(id);
                PrintWriter out = spec.commandLine().getOut();
                out.println("revoked " + revoked.id() + " (tenant " + revoked.tenant() + ") at " + revoked.revokedAt());
                out.flush();
                return 0;
            } catch (IllegalArgumentException e) {
                return refused(spec, e);
            }
        }
    }
}

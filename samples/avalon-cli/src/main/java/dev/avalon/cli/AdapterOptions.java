package dev.avalon.cli;

import dev.avalon.caldav.CalDavCalendar;
import dev.avalon.caldav.CalDavConfig;
import dev.avalon.core.port.MailSender;
import dev.avalon.git.FolderBackupStore;
import dev.avalon.git.GitBrainArchive;
import dev.avalon.git.GitBrainRemote;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.google.GoogleCalendar;
import dev.avalon.google.GoogleCalendarConfig;
import dev.avalon.mail.EmlDirectoryMailSender;
import dev.avalon.mail.SmtpConfig;
import dev.avalon.mail.SmtpMailSender;
import dev.avalon.mail.SmtpSecurity;
import dev.avalon.mail.SmtpTextMailSender;
import dev.avalon.core.port.TextMailSender;
import dev.avalon.core.port.WebhookSecrets;
import dev.avalon.webhook.HttpWebhookSender;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The options that choose the adapters behind Avalon's ports, shared by every command that opens a
 * brain. Invites go by SMTP when {@code --smtp-host} is given and otherwise into a folder of
 * {@code .eml} files next to the brain (never inside it: the brain's git tree holds only what the
 * user consented to). A remote calendar is wired only when {@code --google-base-url} or
 * {@code --caldav-url} is given (one of them); the secrets may come from environment variables or,
 * for CalDAV, a file, so they stay out of shell histories. Automations' EMAIL actions go through the
 * SMTP server when {@code --mail-from} names their sender; their WEBHOOK actions are signed with the
 * {@code outbound} secrets of {@code --webhook-secrets}, a file readable by its owner only and kept
 * outside the brain (like the seal key), whose other secrets check inbound webhooks.
 */
final class AdapterOptions {

    /** Environment variable read for {@code --smtp-password}. */
    static final String SMTP_PASSWORD_ENV = "AVALON_SMTP_PASSWORD";
    /** The name of the secrets in {@code --webhook-secrets} that sign outbound webhooks. */
    static final String OUTBOUND = "outbound";
    /** How long one outbound webhook call may take. */
    static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);
    /** The shortest webhook secret taken, in bytes: shorter ones are guessable. */
    static final int MIN_SECRET_BYTES = 16;
    private static final Pattern SECRET_REF = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Environment variable read for {@code --google-client-id}. */
    static final String GOOGLE_CLIENT_ID_ENV = "AVALON_GOOGLE_CLIENT_ID";
    /** Environment variable read for {@code --google-client-secret}. */
    static final String GOOGLE_CLIENT_SECRET_ENV = "AVALON_GOOGLE_CLIENT_SECRET";
    /** Environment variable read for {@code --google-refresh-token}. */
    static final String GOOGLE_REFRESH_TOKEN_ENV = "AVALON_GOOGLE_REFRESH_TOKEN";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--mail-dir", paramLabel = "DIR",
            description = "Without --smtp-host, invites are written as .eml files into this folder "
                    + "(default: <brain>-mail next to the brain folder; never inside the brain).")
    private Path mailDir;

    @Option(names = "--smtp-host", paramLabel = "HOST", description = "Send invites through this SMTP server.")
    private String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "PORT", description = "SMTP port (default 587, or 465 with --smtp-security SSL).")
    private Integer smtpPort;

    @Option(names = "--smtp-security", paramLabel = "NONE|STARTTLS|SSL",
            description = "How the SMTP connection is protected (default STARTTLS).")
    private SmtpSecurity smtpSecurity;

    @Option(names = "--smtp-user", paramLabel = "USER", description = "SMTP login; the password comes from --smtp-password or $"
            + SMTP_PASSWORD_ENV + ".")
    private String smtpUser;

    @Option(names = "--smtp-password", paramLabel = "PASSWORD",
            defaultValue = "${env:" + SMTP_PASSWORD_ENV + "}",
            description = "SMTP password (default: $" + SMTP_PASSWORD_ENV + ", which keeps it out of the shell history).")
    private String smtpPassword;

    @Option(names = "--google-base-url", paramLabel = "URL",
            description = "Sync calendar.sync with the Google Calendar API at this root (Google itself: "
                    + "https://www.googleapis.com/calendar/v3). Without it the calendar lives in the brain alone.")
    private String googleBaseUrl;

    @Option(names = "--google-token-url", paramLabel = "URL",
            description = "OAuth2 token endpoint (default https://oauth2.googleapis.com/token).")
    private String googleTokenUrl;

    @Option(names = "--google-calendar-id", paramLabel = "ID", defaultValue = "primary",
            description = "The calendar to sync (default: ${DEFAULT-VALUE}).")
    private String googleCalendarId;

    @Option(names = "--google-client-id", paramLabel = "ID", defaultValue = "${env:" + GOOGLE_CLIENT_ID_ENV + "}",
            description = "OAuth client id (default: $" + GOOGLE_CLIENT_ID_ENV + ").")
    private String googleClientId;

    @Option(names = "--google-client-secret", paramLabel = "SECRET",
            defaultValue = "${env:" + GOOGLE_CLIENT_SECRET_ENV + "}",
            description = "OAuth client secret (default: $" + GOOGLE_CLIENT_SECRET_ENV + ").")
    private String googleClientSecret;

    @Option(names = "--google-refresh-token", paramLabel = "TOKEN",
            defaultValue = "${env:" + GOOGLE_REFRESH_TOKEN_ENV + "}",
            description = "The user's OAuth refresh token (default: $" + GOOGLE_REFRESH_TOKEN_ENV + ").")
    private String googleRefreshToken;

    @Option(names = "--remote", paramLabel = "URL",
            description = "Push the brain to this git remote after every commit (git://, ssh://, https:// or the "
                    + "path of a bare repository); never forced, retried with backoff when it fails.")
    private String remote;

    @Option(names = "--backup-dir", paramLabel = "DIR",
            description = "Keep daily backups (a git bundle and its manifest; 7 daily, 4 weekly, 12 monthly) in "
                    + "this folder, outside the brain; enables backup.run, backup.list and backup.verify.")
    private Path backupDir;

    @Option(names = "--caldav-url", paramLabel = "URL",
            description = "Sync calendar.sync with this CalDAV calendar collection (Nextcloud, Fastmail, iCloud, "
                    + "Radicale, ...), e.g. https://dav.example.org/remote.php/dav/calendars/anna/personal/.")
    private String caldavUrl;

    @Option(names = "--caldav-user", paramLabel = "USER",
            description = "Login for HTTP Basic authentication at --caldav-url; the password comes from "
                    + "--caldav-password-file.")
    private String caldavUser;

    @Option(names = "--caldav-password-file", paramLabel = "FILE",
            description = "A file holding the CalDAV password (an app password), its first line; keeps the password "
                    + "out of the shell history and the process list.")
    private Path caldavPasswordFile;

    @Option(names = "--mail-from", paramLabel = "ADDRESS",
            description = "With --smtp-host: send automations' EMAIL actions through the SMTP server, from this address.")
    private String mailFrom;

    @Option(names = "--webhook-secrets", paramLabel = "FILE",
            description = "Webhook secrets, one '<ref> <secret>' per line (# starts a comment), in a file outside the "
                    + "brain readable by its owner only (chmod 600). Secrets named '" + OUTBOUND + "' sign "
                    + "automations' outbound WEBHOOK actions (newest first; two while rotating); the others check "
                    + "inbound webhooks by their secretRef.")
    private Path webhookSecrets;

    /**
     * The adapters for the brain in {@code brainFolder}.
     *
     * @throws ParameterException when the options contradict each other or a folder is inside the brain
     */
    Adapters adapters(Path brainFolder, Clock clock) {
        Path brain = brainFolder.toAbsolutePath().normalize();
        GitBrainRemote pushTo = null;
        if (remote != null) {
            try {
                pushTo = new GitBrainRemote(brain, remote);
            } catch (IllegalArgumentException e) {
                throw usage("--remote: " + e.getMessage());
            }
        }
        Path backups = backupFolder(brain);
        Map<String, List<byte[]>> secrets = webhookSecrets == null ? Map.of() : secrets(brain, webhookSecrets);
        List<byte[]> outbound = secrets.getOrDefault(OUTBOUND, List.of());
        return new Adapters(mailSender(brain, clock), remoteCalendar(clock), pushTo,
                backups == null ? null : new GitBrainArchive(brain, backups.resolve(".scratch")),
                backups == null ? null : new FolderBackupStore(backups), textMailSender(clock),
                outbound.isEmpty() ? null : new HttpWebhookSender(() -> copies(outbound), clock, WEBHOOK_TIMEOUT),
                webhookSecrets == null ? null : inbound(secrets));
    }

    private TextMailSender textMailSender(Clock clock) {
        if (mailFrom == null) {
            return null;
        }
        if (smtpHost == null) {
            throw usage("--mail-from needs --smtp-host: automations' mail goes through an SMTP server");
        }
        try {
            return new SmtpTextMailSender(smtpConfig(), mailFrom, clock);
        } catch (IllegalArgumentException e) {
            throw usage("--mail-from: " + e.getMessage());
        }
    }

    /** The secret of each inbound reference: the first line that names it. */
    private static WebhookSecrets inbound(Map<String, List<byte[]>> secrets) {
        return ref -> Optional.ofNullable(secrets.get(ref)).filter(list -> !ref.equals(OUTBOUND))
                .map(list -> list.get(0).clone());
    }

    private static List<byte[]> copies(List<byte[]> secrets) {
        return secrets.stream().map(byte[]::clone).toList();
    }

    /**
     * The secrets in {@code file} by reference, in file order. Refused: a file inside the brain (the brain
     * is versioned and pushed), one that group or others may read or write, a line without a reference and
     * a secret, a secret shorter than {@link #MIN_SECRET_BYTES} bytes. Messages name the file and the line,
     * never a secret.
     */
    private Map<String, List<byte[]>> secrets(Path brain, Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (path.startsWith(brain)) {
            throw usage("--webhook-secrets: " + path + " is inside the brain " + brain
                    + "; secrets are never brain content, keep the file outside it");
        }
        if (!Files.isRegularFile(path)) {
            throw usage("--webhook-secrets: " + path + " is not a file");
        }
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> open;
            try {
                open = EnumSet.copyOf(Files.getPosixFilePermissions(path));
            } catch (IOException e) {
                throw usage("--webhook-secrets: " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            open.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
            if (!open.isEmpty()) {
                throw usage("--webhook-secrets: " + path + " may be read or changed by others; make it the owner's "
                        + "alone (chmod 600 " + path + ")");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw usage("--webhook-secrets: " + path + " is not UTF-8 text");
        } catch (IOException e) {
            throw usage("--webhook-secrets: " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, List<byte[]>> secrets = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length < 2 || !SECRET_REF.matcher(parts[0]).matches()) {
                throw usage("--webhook-secrets: line " + (i + 1) + " of " + path + " is not '<ref> <secret>' (a ref of "
                        + "letters, digits, '.', '_' or '-')");
            }
            byte[] secret = parts[1].getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_SECRET_BYTES) {
                throw usage("--webhook-secrets: the secret on line " + (i + 1) + " of " + path + " is shorter than "
                        + MIN_SECRET_BYTES + " bytes");
            }
            secrets.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(secret);
        }
        if (secrets.isEmpty()) {
            throw usage("--webhook-secrets: " + path + " holds no secret");
        }
        return secrets;
    }

    /** {@code --backup-dir}, refused inside the brain: a backup in the brain would back itself up. */
    private Path backupFolder(Path brain) {
        if (backupDir == null) {
            return null;
        }
        Path folder = backupDir.toAbsolutePath().normalize();
        if (folder.startsWith(brain)) {
            throw usage("--backup-dir: " + folder + " is inside the brain " + brain + "; give a folder outside it");
        }
        return folder;
    }

    /** The folder .eml files go to when no SMTP server is given: {@code --mail-dir} or the default. */
    Path mailFolder(Path brainFolder) {
        Path brain = brainFolder.toAbsolutePath().normalize();
        Path folder = mailDir != null ? mailDir.toAbsolutePath().normalize() : defaultMailFolder(brain);
        if (folder.startsWith(brain)) {
            throw usage("--mail-dir: " + folder + " is inside the brain " + brain
                    + "; invites are not brain content, give a folder outside it");
        }
        return folder;
    }

    /** {@code <parent>/<brain-name>-mail}: next to the brain, outside its git tree. */
    static Path defaultMailFolder(Path brain) {
        Path name = brain.getFileName();
        Path parent = brain.getParent();
        if (name == null || parent == null) {
            // the file system root as a brain: there is no "next to it"
            throw new IllegalArgumentException("a brain at " + brain + " has no folder next to it for mail; give --mail-dir");
        }
        return parent.resolve(name + "-mail");
    }

    private MailSender mailSender(Path brain, Clock clock) {
        if (smtpHost == null) {
            List<String> stray = new ArrayList<>();
            if (smtpPort != null) {
                stray.add("--smtp-port");
            }
            if (smtpSecurity != null) {
                stray.add("--smtp-security");
            }
            if (smtpUser != null) {
                stray.add("--smtp-user");
            }
            if (!stray.isEmpty()) {
                throw usage(String.join(", ", stray) + " need --smtp-host");
            }
            return new EmlDirectoryMailSender(mailFolder(brain), clock);
        }
        if (mailDir != null) {
            throw usage("--mail-dir and --smtp-host exclude each other: invites go either to a folder or to a server");
        }
        return new SmtpMailSender(smtpConfig(), clock);
    }

    /** The server of {@code --smtp-host} and its options. */
    private SmtpConfig smtpConfig() {
        SmtpSecurity security = smtpSecurity == null ? SmtpSecurity.STARTTLS : smtpSecurity;
        int port = smtpPort != null ? smtpPort : security == SmtpSecurity.SSL ? 465 : 587;
        try {
            SmtpConfig config = SmtpConfig.of(smtpHost).withSecurity(security).withPort(port);
            if (smtpUser != null) {
                if (isBlank(smtpPassword)) {
                    throw usage("--smtp-user needs a password: --smtp-password or $" + SMTP_PASSWORD_ENV);
                }
                config = config.withLogin(smtpUser, smtpPassword);
            }
            return config;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private RemoteCalendar remoteCalendar(Clock clock) {
        if (caldavUrl == null && (caldavUser != null || caldavPasswordFile != null)) {
            throw usage((caldavUser != null ? "--caldav-user" : "--caldav-password-file") + " needs --caldav-url");
        }
        if (caldavUrl != null) {
            if (googleBaseUrl != null) {
                throw usage("--caldav-url and --google-base-url exclude each other: calendar.sync mirrors one remote "
                        + "calendar");
            }
            return calDavCalendar(clock);
        }
        if (googleBaseUrl == null) {
            if (googleTokenUrl != null) {
                throw usage("--google-token-url needs --google-base-url");
            }
            return null;
        }
        List<String> missing = new ArrayList<>();
        if (isBlank(googleClientId)) {
            missing.add("--google-client-id (or $" + GOOGLE_CLIENT_ID_ENV + ")");
        }
        if (isBlank(googleClientSecret)) {
            missing.add("--google-client-secret (or $" + GOOGLE_CLIENT_SECRET_ENV + ")");
        }
        if (isBlank(googleRefreshToken)) {
            missing.add("--google-refresh-token (or $" + GOOGLE_REFRESH_TOKEN_ENV + ")");
        }
        if (!missing.isEmpty()) {
            throw usage("--google-base-url needs " + String.join(", ", missing));
        }
        try {
            GoogleCalendarConfig.Builder config = GoogleCalendarConfig.custom(googleCalendarId, googleClientId,
                    googleClientSecret, googleRefreshToken).baseUri(uri("--google-base-url", googleBaseUrl))
                    // token expiry is judged on the same clock Avalon runs on, also when that clock is manual
                    .clock(clock);
            if (googleTokenUrl != null) {
                config.tokenUri(uri("--google-token-url", googleTokenUrl));
            }
            return new GoogleCalendar(config.build());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private RemoteCalendar calDavCalendar(Clock clock) {
        if ((caldavUser == null) != (caldavPasswordFile == null)) {
            throw usage(caldavUser != null ? "--caldav-user needs --caldav-password-file"
                    : "--caldav-password-file needs --caldav-user");
        }
        try {
            CalDavConfig.Builder config = CalDavConfig.custom(uri("--caldav-url", caldavUrl))
                    // Retry-After dates are judged on the clock Avalon runs on, also when that clock is manual
                    .clock(clock);
            if (caldavUser != null) {
                config.login(caldavUser, password(caldavPasswordFile));
            }
            return new CalDavCalendar(config.build());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The first line of {@code file}; the message names the file, never what it holds. */
    private String password(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw usage("--caldav-password-file: " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw usage("--caldav-password-file: " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        String password = text.lines().findFirst().orElse("");
        if (password.isEmpty()) {
            throw usage("--caldav-password-file: " + file + " holds no password on its first line");
        }
        return password;
    }

    private URI uri(String option, String text) {
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute()) {
                throw usage(option + ": not an absolute URL: '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw usage(option + ": not a URL: '" + text + "'");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

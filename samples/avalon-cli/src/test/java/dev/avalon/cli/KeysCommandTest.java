package dev.avalon.cli;

import dev.avalon.tenants.SealKeyFile;
import dev.avalon.tenants.FileKeyRing;
import dev.avalon.tenants.KeyCheck;
import dev.avalon.tenants.KeyGrant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("avalon keys: create, list, rotate and revoke API keys in a key file")
class KeysCommandTest {

    private static final String NOW = "2026-12-01T10:00:00Z";
    private static final Pattern FIELD = Pattern.compile("^(\\w+)\\s+(.*)$");

    @TempDir
    Path tmp;

    private Path keys() {
        return tmp.resolve("config").resolve("avalon").resolve("keys.json");
    }

    private Cli.Execution keys(String... args) {
        return keysAt(NOW, args);
    }

    private Cli.Execution keysAt(String clock, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "keys";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--keys";
        all[args.length + 2] = keys().toString();
        all[args.length + 3] = "--clock";
        all[args.length + 4] = clock;
        return Cli.execute(all);
    }

    /** The "name  value" lines create and rotate print. */
    private static Map<String, String> fields(Cli.Execution run) {
        return run.outLines().stream().map(FIELD::matcher).filter(Matcher::matches)
                .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2).strip()));
    }

    private FileKeyRing serverRing(String at) {
        return new FileKeyRing(keys(), Clock.fixed(Instant.parse(at), ZoneOffset.UTC));
    }

    @Test
    @DisplayName("create prints the key once with its id, tenant, scopes and expiry; a server's ring grants it")
    void create() throws Exception {
        Cli.Execution run = keys("create", "--tenant", "anna", "--scope", "calendar:read", "--scope", "finance:*");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String> printed = fields(run);
        String key = printed.get("key");
        assertThat(key).matches("avl_[0-9A-Za-z]{49}");
        assertThat(printed).containsEntry("id", key.substring(4, 12)).containsEntry("tenant", "anna")
                .containsEntry("scopes", "calendar:read finance:*").containsEntry("expires", "2027-03-01T10:00:00Z");
        assertThat(run.err()).contains("shown only this once");
        assertThat(Files.readString(keys())).doesNotContain(key);

        KeyCheck check = serverRing(NOW).check(key);
        assertThat(check).isInstanceOf(KeyCheck.Granted.class);
        KeyGrant grant = ((KeyCheck.Granted) check).grant();
        assertThat(grant.tenant()).isEqualTo("anna");
        assertThat(grant.caller().may("finance:write")).isTrue();
        assertThat(grant.caller().may("calendar:write")).isFalse();
    }

    @Test
    @DisplayName("--expires takes a date (its start in Europe/Amsterdam) or a time from now")
    void expiry() {
        Cli.Execution date = keys("create", "--tenant", "anna", "--scope", "*", "--expires", "2027-03-01");
        assertThat(date.exitCode()).as(date.err()).isZero();
        assertThat(fields(date)).containsEntry("expires", "2027-02-28T23:00:00Z");

        Cli.Execution hours = keys("create", "--tenant", "anna", "--scope", "*", "--expires", "36h");
        assertThat(fields(hours)).containsEntry("expires", "2026-12-02T22:00:00Z");

        Cli.Execution past = keys("create", "--tenant", "anna", "--scope", "*", "--expires", "2026-01-01");
        assertThat(past.exitCode()).isEqualTo(1);
        assertThat(past.err()).contains("not in the future");
    }

    @Test
    @DisplayName("list shows id, tenant, state, created, expires and scopes, never a key or a hash")
    void list() throws Exception {
        Cli.Execution created = keys("create", "--tenant", "anna", "--scope", "calendar:read");
        String key = fields(created).get("key");
        String id = fields(created).get("id");

        Cli.Execution list = keys("list");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.outLines().get(0)).contains("ID", "TENANT", "STATE", "CREATED", "EXPIRES", "SCOPES");
        assertThat(list.outLines().get(1)).startsWith(id).contains("anna", "ACTIVE", NOW, "2027-03-01T10:00:00Z",
                "calendar:read");
        String sha256 = serverRing(NOW).list().get(0).sha256();
        assertThat(list.out()).doesNotContain(key).doesNotContain(key.substring(12)).doesNotContain(sha256);
    }

    @Test
    @DisplayName("rotate prints a new key; the old one is ROTATING for the overlap, then EXPIRED; revoke is at once")
    void rotateAndRevoke() {
        Cli.Execution created = keys("create", "--tenant", "anna", "--scope", "*");
        String oldKey = fields(created).get("key");
        String oldId = fields(created).get("id");
        FileKeyRing server = serverRing("2026-12-02T09:00:00Z");

        Cli.Execution rotated = keys("rotate", oldId, "--overlap", "24h");

        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        String newKey = fields(rotated).get("key");
        String newId = fields(rotated).get("id");
        assertThat(newKey).isNotEqualTo(oldKey).matches("avl_[0-9A-Za-z]{49}");
        assertThat(fields(rotated)).containsEntry("tenant", "anna").containsEntry("scopes", "*");
        assertThat(rotated.err()).contains("works until 2026-12-02T10:00:00Z");
        assertThat(server.check(oldKey)).isInstanceOf(KeyCheck.Granted.class);
        assertThat(server.check(newKey)).isInstanceOf(KeyCheck.Granted.class);

        List<String> during = keys("list").outLines();
        assertThat(during.get(1)).startsWith(oldId).contains("ROTATING", "rotated to " + newId);
        assertThat(during.get(2)).startsWith(newId).contains("ACTIVE");
        List<String> after = keysAt("2026-12-02T10:00:00Z", "list").outLines();
        assertThat(after.get(1)).startsWith(oldId).contains("EXPIRED");

        Cli.Execution revoked = keys("revoke", newId);
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("revoked " + newId);
        // the running server's ring reads the changed file: no restart
        assertThat(((KeyCheck.Refused) server.check(newKey)).reason()).isEqualTo(KeyCheck.Reason.REVOKED);
        assertThat(keys("list").outLines().get(2)).startsWith(newId).contains("REVOKED");
    }

    @Test
    @DisplayName("an unknown scope is refused with the known ones listed, and nothing is written")
    void unknownScope() {
        Cli.Execution run = keys("create", "--tenant", "anna", "--scope", "calender:read");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("keys create").contains("unknown scope calender:read")
                .contains("known scopes: *, ").contains("calendar:read").contains("finance:*");
        assertThat(run.out()).isEmpty();
        assertThat(keys()).doesNotExist();
    }

    @Test
    @DisplayName("a tenant id that is not a folder name is refused")
    void badTenant() {
        for (String bad : List.of("../x", "A", "")) {
            Cli.Execution run = keys("create", "--tenant", bad, "--scope", "*");
            assertThat(run.exitCode()).as(bad).isEqualTo(1);
            assertThat(run.err()).contains("not a tenant id");
        }
        assertThat(keys()).doesNotExist();
    }

    @Test
    @DisplayName("rotating or revoking an id that is not there fails with a clear message")
    void unknownId() {
        Cli.Execution rotate = keys("rotate", "nosuchid");
        assertThat(rotate.exitCode()).isEqualTo(1);
        assertThat(rotate.err()).contains("no key with id nosuchid");
        Cli.Execution revoke = keys("revoke", "nosuchid");
        assertThat(revoke.exitCode()).isEqualTo(1);
        assertThat(revoke.err()).contains("no key with id nosuchid");
    }

    @Test
    @DisplayName("without --keys the file is $XDG_CONFIG_HOME/avalon/keys.json, next to the seal key")
    void defaultLocation() {
        assertThat(KeysCommand.defaultLocation()).isEqualTo(
                SealKeyFile.defaultLocation(System.getenv(), System.getProperty("user.home")).resolveSibling("keys.json"));
        assertThat(KeysCommand.defaultLocation().toString()).endsWith("avalon/keys.json");
    }

    @Test
    @DisplayName("keys without a subcommand names the four")
    void missingSubcommand() {
        Cli.Execution run = Cli.execute("keys");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("create, list, rotate or revoke");
    }
}

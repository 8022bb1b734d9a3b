package dev.avalon.git;

import dev.avalon.core.port.BackupManifest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** The backup folder on its own: files, order, and what it does with damaged or partial backups. */
class FolderBackupStoreTest {

    @TempDir
    Path tmp;

    static BackupManifest manifest(String at, byte[] bundle) {
        Instant t = Instant.parse(at);
        String id = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(t);
        return new BackupManifest(id, t, "a".repeat(40), "1.0.0", "0".repeat(64), bundle.length);
    }

    @Test
    @DisplayName("put, list oldest first, read and delete; the folder is created when needed")
    void roundTrip() {
        FolderBackupStore store = new FolderBackupStore(tmp.resolve("backups/brain"));
        assertThat(store.list()).isEmpty();
        byte[] first = "first".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);

        store.put(manifest("2026-11-24T02:00:00Z", second), second);
        store.put(manifest("2026-11-23T02:00:00Z", first), first);

        assertThat(store.list()).extracting(BackupManifest::id).containsExactly("20261123T020000Z", "20261124T020000Z");
        assertThat(store.list().get(0)).isEqualTo(manifest("2026-11-23T02:00:00Z", first));
        assertThat(store.read("20261124T020000Z")).hasValue(second);
        assertThat(tmp.resolve("backups/brain/20261123T020000Z.bundle")).hasBinaryContent(first);

        store.delete("20261123T020000Z");
        store.delete("20200101T000000Z");

        assertThat(store.list()).extracting(BackupManifest::id).containsExactly("20261124T020000Z");
        assertThat(store.read("20261123T020000Z")).isEmpty();
        assertThat(tmp.resolve("backups/brain/20261123T020000Z.json")).doesNotExist();
    }

    @Test
    @DisplayName("a manifest without its bundle and an unreadable manifest are not listed; the others are")
    void partialAndDamaged() throws Exception {
        FolderBackupStore store = new FolderBackupStore(tmp.resolve("backups"));
        byte[] bytes = "bundle".getBytes(StandardCharsets.UTF_8);
        store.put(manifest("2026-11-23T02:00:00Z", bytes), bytes);
        store.put(manifest("2026-11-24T02:00:00Z", bytes), bytes);
        store.put(manifest("2026-11-25T02:00:00Z", bytes), bytes);
        Files.delete(tmp.resolve("backups/20261124T020000Z.bundle"));
        Files.writeString(tmp.resolve("backups/20261125T020000Z.json"), "{ not json");

        assertThat(store.list()).extracting(BackupManifest::id).containsExactly("20261123T020000Z");
    }
}

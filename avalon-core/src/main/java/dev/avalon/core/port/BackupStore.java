package dev.avalon.core.port;

import java.util.List;
import java.util.Optional;

/**
 * Where backups are kept (a folder on another disk, a mounted share …): each backup is a bundle and
 * its manifest under the manifest's id. Storage failures are {@link BrainStoreException}s.
 */
public interface BackupStore {

    /** Stores a backup; a backup under the same id is replaced. Durable when it returns. */
    void put(BackupManifest manifest, byte[] bundle);

    /** Every stored backup's manifest, oldest first. */
    List<BackupManifest> list();

    /** The bundle of backup {@code id}, if it is stored. */
    Optional<byte[]> read(String id);

    /** Removes backup {@code id}; nothing happens when it is not stored. */
    void delete(String id);
}

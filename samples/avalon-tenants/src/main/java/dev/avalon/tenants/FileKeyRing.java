package dev.avalon.tenants;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The API keys in one {@code keys.json} (kept in the server's configuration folder, never in a brain).
 *
 * <pre>{@code
 * FileKeyRing ring = new FileKeyRing(Path.of("/etc/avalon/keys.json"), Clock.systemUTC());
 * IssuedKey issued = ring.create("anna", Set.of("calendar:read"), expiry, ScopeCatalogue.of(avalon.catalog()));
 * // show issued.key() once; later, per request:
 * KeyCheck check = ring.check(bearerToken);
 * }</pre>
 *
 * <p>{@link #check} reads the file again whenever it changed on disk, so a key created, rotated or
 * revoked by another process (the {@code avalon keys} command) counts on the next request of a server
 * that is running. The secret part is compared in constant time, and the key is never logged: only
 * its public id is.
 *
 * <p>Thread-safe. Changes from several processes are serialised by a lock file beside the key file.
 */
public final class FileKeyRing implements KeyRing {

    private static final Logger LOG = LoggerFactory.getLogger(FileKeyRing.class);
    /** Compared against when no key has the presented id, so an unknown id costs what a wrong secret costs. */
    private static final byte[] NO_HASH = new byte[32];

    private final KeyFile file;
    private final Clock clock;
    private final SecureRandom random;
    private volatile Index index = new Index(List.of(), null);

    /** The key file's keys, by id, with the version of the file they came from. */
    private record Index(Map<String, KeyRecord> byId, KeyFile.Stamp stamp) {
        Index(List<KeyRecord> keys, KeyFile.Stamp stamp) {
            this(byId(keys), stamp);
        }

        private static Map<String, KeyRecord> byId(List<KeyRecord> keys) {
            Map<String, KeyRecord> map = new LinkedHashMap<>();
            keys.forEach(k -> map.put(k.id(), k));
            return Collections.unmodifiableMap(map);
        }
    }

    /** The key file's name in the user's config folder. */
    public static final String FILE_NAME = "keys.json";

    /**
     * Where the key file is when none is named: next to the seal key, in the user's config folder
     * ({@code $XDG_CONFIG_HOME/avalon/keys.json}, else {@code ~/.config/avalon/keys.json}).
     */
    public static Path defaultLocation(Map<String, String> env, String userHome) {
        return SealKeyFile.defaultLocation(env, userHome).resolveSibling(FILE_NAME);
    }

    /** A ring on {@code file} (which need not exist yet), issuing keys from a {@link SecureRandom}. */
    public FileKeyRing(Path file, Clock clock) {
        this(file, clock, new SecureRandom());
    }

    /** As {@link #FileKeyRing(Path, Clock)}, issuing keys from {@code random} (tests give a seeded one). */
    public FileKeyRing(Path file, Clock clock, SecureRandom random) {
        this.file = new KeyFile(file);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The key file. */
    public Path path() {
        return file.path();
    }

    @Override
    public KeyCheck check(String presented) {
        if (presented == null || presented.isEmpty()) {
            return new KeyCheck.Refused(KeyCheck.Reason.MISSING, null);
        }
        String id = KeyFormat.idOf(presented).orElse(null);
        if (id == null) {
            return new KeyCheck.Refused(KeyCheck.Reason.MALFORMED, null);
        }
        KeyRecord key = current().byId().get(id);
        byte[] expected = key != null ? HexFormat.of().parseHex(key.sha256()) : NO_HASH;
        boolean matches = MessageDigest.isEqual(expected, sha256(presented));
        if (key == null || !matches) {
            // a wrong secret for a known id says no more than an unknown id
            return new KeyCheck.Refused(KeyCheck.Reason.UNKNOWN, null);
        }
        return switch (key.state(clock.instant())) {
            case REVOKED -> new KeyCheck.Refused(KeyCheck.Reason.REVOKED, id);
            case EXPIRED -> new KeyCheck.Refused(KeyCheck.Reason.EXPIRED, id);
            case ACTIVE, ROTATING -> new KeyCheck.Granted(new KeyGrant(id, key.tenant(), key.scopes(), key.worksUntil()));
        };
    }

    /** Every stored key, in the order they were created. Records hold no key, only hashes. */
    public List<KeyRecord> list() {
        return List.copyOf(current().byId().values());
    }

    /**
     * Issues a key for {@code tenant} with {@code scopes}, valid until {@code expiresAt}.
     *
     * @param known the scopes a key may hold (see {@link ScopeCatalogue#of})
     * @throws IllegalArgumentException for a bad tenant id, an unknown scope or an expiry not in the future
     */
    public IssuedKey create(String tenant, Collection<String> scopes, Instant expiresAt, ScopeCatalogue known) {
        String tenantId = new Tenant(tenant).id();
        Set<String> granted = known.require(scopes);
        Instant now = now();
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("the expiry " + expiresAt + " is not in the future");
        }
        IssuedKey[] issued = new IssuedKey[1];
        change(keys -> {
            issued[0] = issue(keys, tenantId, granted, now, expiresAt);
            List<KeyRecord> next = new ArrayList<>(keys);
            next.add(issued[0].record());
            return next;
        });
        LOG.info("API key {} created for tenant {} with scopes {}, expiring {}", issued[0].record().id(), tenantId,
                issued[0].record().sortedScopes(), expiresAt);
        return issued[0];
    }

    /**
     * Replaces key {@code id} by a new key for the same tenant and scopes with the same lifetime from
     * now. The old key keeps working for {@code overlap} (at most until its own expiry), so clients can
     * switch without an outage; then it is EXPIRED.
     *
     * @throws IllegalArgumentException when there is no such key, or it is revoked, expired or already rotated
     */
    public IssuedKey rotate(String id, Duration overlap) {
        Objects.requireNonNull(id, "id");
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("the overlap " + overlap + " is negative");
        }
        Instant now = now();
        IssuedKey[] issued = new IssuedKey[1];
        change(keys -> {
            KeyRecord old = find(keys, id);
            KeyState state = old.state(now);
            if (state != KeyState.ACTIVE) {
                throw new IllegalArgumentException("key " + id + " is " + state
                        + (old.replacedBy() != null ? " (rotated to " + old.replacedBy() + ")" : "")
                        + "; only an ACTIVE key can be rotated");
            }
            Duration lifetime = Duration.between(old.createdAt(), old.expiresAt());
            issued[0] = issue(keys, old.tenant(), old.scopes(), now, now.plus(lifetime));
            List<KeyRecord> next = new ArrayList<>();
            for (KeyRecord key : keys) {
                next.add(key.id().equals(id) ? key.rotatedTo(issued[0].record().id(), now.plus(overlap)) : key);
            }
            next.add(issued[0].record());
            return next;
        });
        LOG.info("API key {} rotated to {}; the old key works for {} more", id, issued[0].record().id(), overlap);
        return issued[0];
    }

    /**
     * Revokes key {@code id} now; revoking a revoked key changes nothing.
     *
     * @return the key as stored afterwards
     * @throws IllegalArgumentException when there is no such key
     */
    public KeyRecord revoke(String id) {
        Objects.requireNonNull(id, "id");
        Instant now = now();
        KeyRecord[] revoked = new KeyRecord[1];
        change(keys -> {
            KeyRecord old = find(keys, id);
            revoked[0] = old.revokedAt() != null ? old : old.revoked(now);
            return keys.stream().map(k -> k.id().equals(id) ? revoked[0] : k).toList();
        });
        LOG.info("API key {} revoked", id);
        return revoked[0];
    }

    /** Stored times are whole seconds: a key's dates are read by people, and sub-second precision means nothing here. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private IssuedKey issue(List<KeyRecord> keys, String tenant, Set<String> scopes, Instant now, Instant expiresAt) {
        while (true) {
            String key = KeyFormat.generate(random);
            String id = KeyFormat.idOf(key).orElseThrow();
            // ids are 47 random bits: a clash is next to impossible, but it would make a key unreachable
            if (keys.stream().noneMatch(k -> k.id().equals(id))) {
                KeyRecord record = new KeyRecord(id, HexFormat.of().formatHex(sha256(key)), tenant, scopes, now,
                        expiresAt, null, null, null);
                return new IssuedKey(key, record);
            }
        }
    }

    private static KeyRecord find(List<KeyRecord> keys, String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no key with id " + id));
    }

    /** The keys as on disk now, read again only when the file changed. */
    private Index current() {
        Index seen = index;
        KeyFile.Stamp stamp = file.stamp();
        if (stamp.equals(seen.stamp())) {
            return seen;
        }
        synchronized (this) {
            if (stamp.equals(index.stamp())) {
                return index;
            }
            KeyFile.Snapshot snapshot = file.read();
            Index fresh = new Index(snapshot.keys(), snapshot.stamp());
            index = fresh;
            LOG.debug("read {} API keys from {}", snapshot.keys().size(), file.path());
            return fresh;
        }
    }

    /** Reads, changes and writes the file under the lock, so concurrent changes are never lost. */
    private synchronized void change(UnaryOperator<List<KeyRecord>> edit) {
        Path lockFile = file.path().resolveSibling(file.path().getFileName() + ".lock");
        try {
            file.createFolder();
            try (FileChannel channel = openLock(lockFile);
                 FileLock ignored = channel.lock()) {
                List<KeyRecord> keys = file.read().keys();
                file.write(edit.apply(keys));
                KeyFile.Snapshot written = file.read();
                index = new Index(written.keys(), written.stamp());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the key file " + file.path(), e);
        }
    }

    private static FileChannel openLock(Path lockFile) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (lockFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(lockFile, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(lockFile, options);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

package dev.avalon.tenants;

import dev.avalon.core.port.SealKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's seal key: 32 random bytes, hex, in one file outside every brain
 * ({@code $XDG_CONFIG_HOME/avalon/seal.key}, else {@code ~/.config/avalon/seal.key}), readable by its
 * owner only. One key seals every brain the user opens; Avalon binds each seal to its brain's id.
 */
public final class SealKeyFile {

    public static final String FILE_NAME = "seal.key";
    private static final int KEY_BYTES = 32;

    private SealKeyFile() {
    }

    /** Where the key lives when no {@code --key-file} is given. */
    public static Path defaultLocation(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(userHome, ".config");
        return config.resolve("avalon").resolve(FILE_NAME);
    }

    /** The key in {@code file}, created first (owner-only) when it does not exist. */
    public static SealKeys readOrCreate(Path file) {
        if (!Files.exists(file)) {
            create(file);
        }
        return read(file).orElseThrow();
    }

    /** The key in {@code file}, or empty when there is no such file. */
    public static Optional<SealKeys> readIfPresent(Path file) {
        return Files.exists(file) ? read(file) : Optional.empty();
    }

    private static Optional<SealKeys> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seal key " + file, e);
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the seal key " + file + " is not hex", e);
        }
        if (key.length < KEY_BYTES) {
            throw new IllegalStateException("the seal key " + file + " is shorter than " + KEY_BYTES + " bytes");
        }
        return Optional.of(brainId -> Optional.of(key.clone()));
    }

    private static void create(Path file) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (posix) {
                Files.createDirectories(folder, attribute("rwx------"));
                Files.write(file, (HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE));
            } else {
                Files.createDirectories(folder);
                Files.write(file, (HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            // another process created it first: its key is the key
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the seal key " + file, e);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}

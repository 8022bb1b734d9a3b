package dev.avalon.cli;

import dev.avalon.tenants.SealKeyFile;
import dev.avalon.core.port.SealKeys;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --key-file}: where the user's seal key is, shared by the commands that open a brain. */
final class SealKeyOptions {

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "The seal key (HMAC-SHA256, kept outside every brain) that seals the audit head, the last "
                    + "commit and behaviour.avl's hash. Default: $XDG_CONFIG_HOME/avalon/seal.key, else "
                    + "~/.config/avalon/seal.key; run and demo create it (owner-only) when missing.")
    private Path keyFile;

    Path location() {
        return keyFile != null ? keyFile : SealKeyFile.defaultLocation(System.getenv(), System.getProperty("user.home"));
    }

    /** The key, created when missing: for commands that write a brain. */
    SealKeys createIfMissing() {
        return SealKeyFile.readOrCreate(location());
    }

    /** The key if its file exists, else none: {@code verify} does not make a key it would only check with. */
    SealKeys ifPresent() {
        return SealKeyFile.readIfPresent(location()).orElse(SealKeys.none());
    }
}

package dev.avalon.http;

import dev.avalon.tenants.FileKeyRing;
import dev.avalon.tenants.SealKeyFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line of {@code avalon-http.jar}: {@code --brains DIR [--keys FILE] [--key-file FILE]
 * [--port 8080] [--bind 127.0.0.1] [--public-url URL]}.
 *
 * @param brains    the folder that holds one brain folder per tenant
 * @param keys      the API key file (default: the one {@code avalon keys} writes, in the user's config folder)
 * @param sealKey   the seal key file (default: the one the {@code avalon} command uses, so both open the same brains)
 * @param port      the port to listen on
 * @param bind      the address to bind
 * @param publicUrl the URL clients reach the server at, for the OpenAPI document, or {@code null}
 */
public record LaunchOptions(Path brains, Path keys, Path sealKey, int port, String bind, String publicUrl) {

    public static final String USAGE = "usage: java -jar avalon-http.jar --brains DIR [--keys FILE] [--key-file FILE] "
            + "[--port 8080] [--bind 127.0.0.1] [--public-url https://host]";

    public LaunchOptions {
        Objects.requireNonNull(brains, "brains");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(sealKey, "sealKey");
        Objects.requireNonNull(bind, "bind");
    }

    /** @throws IllegalArgumentException naming every problem with {@code args} */
    public static LaunchOptions parse(String... args) {
        Path brains = null;
        Path keys = null;
        Path sealKey = null;
        int port = 8080;
        String bind = "127.0.0.1";
        String publicUrl = null;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (!List.of("--brains", "--keys", "--key-file", "--port", "--bind", "--public-url").contains(name)) {
                problems.add("unknown option " + name);
                continue;
            }
            if (value == null) {
                problems.add(name + " needs a value");
                break;
            }
            i++;
            switch (name) {
                case "--brains" -> brains = Path.of(value);
                case "--keys" -> keys = Path.of(value);
                case "--key-file" -> sealKey = Path.of(value);
                case "--bind" -> bind = value;
                case "--public-url" -> publicUrl = value;
                default -> {
                    try {
                        port = Integer.parseInt(value);
                        if (port < 0 || port > 65535) {
                            problems.add("--port must be 0..65535");
                        }
                    } catch (NumberFormatException e) {
                        problems.add("--port must be a number");
                    }
                }
            }
        }
        if (brains == null) {
            problems.add("--brains DIR is required");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems) + "\n" + USAGE);
        }
        String home = System.getProperty("user.home");
        if (keys == null) {
            keys = FileKeyRing.defaultLocation(System.getenv(), home);
        }
        if (sealKey == null) {
            sealKey = SealKeyFile.defaultLocation(System.getenv(), home);
        }
        return new LaunchOptions(brains, keys, sealKey, port, bind, publicUrl);
    }
}

package dev.avalon.core.port;

/** Makes new identifiers; injected so tests and demos can be reproducible. */
@FunctionalInterface
public interface IdSource {
    /** A new identifier, unique within this brain, starting with {@code prefix} and a dash. */
    String next(String prefix);
}

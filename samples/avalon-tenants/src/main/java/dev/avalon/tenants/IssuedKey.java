package dev.avalon.tenants;

import java.util.Objects;

/**
 * A key just issued: the only moment its text exists outside the client. Show {@link #key()} to the
 * user once; {@link #toString()} leaves it out so a log line never carries it.
 *
 * @param key    the whole key text
 * @param record what was stored for it
 */
public record IssuedKey(String key, KeyRecord record) {

    public IssuedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(record, "record");
    }

    @Override
    public String toString() {
        return "IssuedKey[id=" + record.id() + ", tenant=" + record.tenant() + ", key=(shown once)]";
    }
}

package dev.avalon.http;

import dev.avalon.tenants.KeyCheck;
import dev.avalon.tenants.KeyGrant;
import dev.avalon.tenants.KeyRing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A key ring of fixed keys, for tests. */
final class TestKeys implements KeyRing {

    static final String ALICE = "avl_alice0000000000000000000000000000000000000000";
    static final String ALICE_READ_ONLY = "avl_alicereadonly00000000000000000000000000000000";
    static final String BOB = "avl_bob000000000000000000000000000000000000000000";
    static final String SLOW = "avl_slow00000000000000000000000000000000000000000";
    static final String BROKEN = "avl_broken0000000000000000000000000000000000000000";
    static final String LOCKED = "avl_locked0000000000000000000000000000000000000000";
    static final String EXPIRED = "avl_expired000000000000000000000000000000000000000";
    static final String REVOKED = "avl_revoked000000000000000000000000000000000000000";
    static final String UNKNOWN = "avl_unknown000000000000000000000000000000000000000";

    private final Map<String, KeyCheck> keys = new HashMap<>();

    TestKeys() {
        Instant far = Instant.parse("2099-01-01T00:00:00Z");
        grant(ALICE, "k-alice", "alice", Set.of("*"), far);
        grant(ALICE_READ_ONLY, "k-alice-ro", "alice", Set.of("chatlog:read", "question:read"), far);
        grant(BOB, "k-bob", "bob", Set.of("*"), far);
        grant(SLOW, "k-slow", "slow", Set.of("*"), far);
        grant(BROKEN, "k-broken", "broken", Set.of("*"), far);
        grant(LOCKED, "k-locked", "locked", Set.of("*"), far);
        keys.put(EXPIRED, new KeyCheck.Refused(KeyCheck.Reason.EXPIRED, "k-expired"));
        keys.put(REVOKED, new KeyCheck.Refused(KeyCheck.Reason.REVOKED, "k-revoked"));
    }

    private void grant(String key, String id, String tenant, Set<String> scopes, Instant expires) {
        keys.put(key, new KeyCheck.Granted(new KeyGrant(id, tenant, scopes, expires)));
    }

    @Override
    public KeyCheck check(String presented) {
        if (presented == null) {
            return new KeyCheck.Refused(KeyCheck.Reason.MISSING, null);
        }
        KeyCheck known = keys.get(presented);
        if (known != null) {
            return known;
        }
        return new KeyCheck.Refused(presented.startsWith("avl_") && presented.length() == ALICE.length()
                ? KeyCheck.Reason.UNKNOWN : KeyCheck.Reason.MALFORMED, null);
    }
}

package dev.avalon.core.automation;

import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.ConditionLanguage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The automations kept in a brain's {@code automations/} folder, and the rules every one obeys. */
public final class Automations {

    private static final Logger LOG = LoggerFactory.getLogger(Automations.class);

    /**
     * Scopes an automation never holds: it may ask questions, never answer them (a JA is the user's),
     * and may not change governance, the behaviour rules or automations (its own included).
     */
    public static final Set<String> FORBIDDEN_SCOPES = Set.of("question:answer", "governance:write",
            "behaviour:write", "automation:write", "system:control", "*");

    /**
     * How often an automation may be started again by events its own run caused, directly or through
     * other automations. With 1, an automation whose action publishes an event it listens to runs
     * once more for that event and no further; the stopped run is an AUTOMATION_LOOP_STOPPED alert.
     */
    public static final int MAX_SELF_DEPTH = 1;

    /** The longest chain of automations started by one another's events. */
    public static final int MAX_CHAIN = 8;

    private Automations() {
    }

    /** Whether an automation may never hold {@code scope}. */
    public static boolean forbidden(String scope) {
        return FORBIDDEN_SCOPES.contains(scope) || scope.endsWith(":*")
                && FORBIDDEN_SCOPES.stream().anyMatch(f -> f.startsWith(scope.substring(0, scope.length() - 1)));
    }

    /**
     * Every readable automation in the brain, by id. One that no longer reads (edited by hand into an
     * invalid form) is skipped with a warning; {@code system.validate} names it.
     */
    public static List<Automation> all(Brain brain, ZoneId zone, Optional<ConditionLanguage> language) {
        List<Automation> list = new ArrayList<>();
        for (BrainPath p : brain.list(Automation.FOLDER)) {
            if (!p.value().endsWith(".json") || p.value().indexOf('/', Automation.FOLDER.length() + 1) >= 0) {
                continue;
            }
            try {
                brain.readJson(p).map(n -> Automation.fromJson(n, p.value(), zone, language)).ifPresent(list::add);
            } catch (Refusal e) {
                LOG.warn("automation {} does not read and is skipped: {}", p.value(), e.error().message());
            }
        }
        return list;
    }

    /** The automation {@code id}, or a NOT_FOUND refusal pointing at {@code field}. */
    public static Automation find(Brain brain, String id, ZoneId zone, Optional<ConditionLanguage> language,
                                  String field) {
        return all(brain, zone, language).stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND, "no automation " + id,
                        new Violation(field, "no automation with this id; see automation.list")));
    }
}

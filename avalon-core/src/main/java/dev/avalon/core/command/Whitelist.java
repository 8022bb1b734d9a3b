package dev.avalon.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the command queue takes, from the {@code commands} section of {@code behaviour.avl}: the
 * systems, their actions, each action's parameters with their types and which of them are required,
 * the follow-ups, how many deliveries a command gets and the default lease. Being part of the
 * behaviour, it changes only through a behaviour patch the user approves.
 *
 * <pre>{@code
 * "commands": {
 *   "maxAttempts": 5, "leaseSeconds": 300,
 *   "systems": { "N8N": { "actions": { "SEND_EMAIL": {
 *       "params": { "to": "email", "subject": "string" }, "required": ["to"] } } } },
 *   "followUps": [ { "when": "N8N.SEND_EMAIL", "status": "COMPLETED",
 *       "create": "ACTION: TELEGRAM.NOTIFY text=\"Sent {{result.messageId}}\"" } ]
 * }
 * }</pre>
 *
 * A document without the section whitelists nothing.
 *
 * @param systems     the actions of each system, by name
 * @param followUps   what a finished command creates
 * @param maxAttempts deliveries (polls) a command gets before an expired lease fails it
 * @param leaseSeconds the lease a poll gives when it names none
 */
public record Whitelist(Map<String, Map<String, Allowed>> systems, List<FollowUp> followUps, int maxAttempts,
                        int leaseSeconds) {

    /** Deliveries a command gets when {@code behaviour.avl} names no number. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    /** The lease of a poll when neither the poll nor {@code behaviour.avl} names one. */
    public static final int DEFAULT_LEASE_SECONDS = 300;

    /** Whitelists nothing. */
    public static final Whitelist EMPTY = new Whitelist(Map.of(), List.of(), DEFAULT_MAX_ATTEMPTS,
            DEFAULT_LEASE_SECONDS);

    public Whitelist {
        Map<String, Map<String, Allowed>> copy = new LinkedHashMap<>();
        systems.forEach((s, actions) -> copy.put(s, Collections.unmodifiableMap(new LinkedHashMap<>(actions))));
        systems = Collections.unmodifiableMap(copy);
        followUps = List.copyOf(followUps);
        if (maxAttempts < 1 || leaseSeconds < 1) {
            throw new IllegalArgumentException("maxAttempts and leaseSeconds are at least 1");
        }
    }

    /**
     * One whitelisted action.
     *
     * @param params   each parameter's type, in document order
     * @param required the parameters a line must give
     */
    public record Allowed(Map<String, ParamType> params, Set<String> required) {
        public Allowed {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            required = Collections.unmodifiableSet(new TreeSet<>(required));
        }

        /** {@code to: email, subject: string}, for messages. */
        String describe() {
            List<String> parts = new ArrayList<>();
            params.forEach((k, t) -> parts.add(k + ": " + t.wireName() + (required.contains(k) ? " (required)" : "")));
            return parts.isEmpty() ? "no parameters" : String.join(", ", parts);
        }
    }

    /**
     * When a command of {@code when} ({@code SYSTEM.ACTION}) reaches {@code status}, the line
     * {@code create} is queued, its {@code {{…}}} placeholders filled from the finished command.
     */
    public record FollowUp(String when, CommandState status, String create) {
        public FollowUp {
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(create, "create");
        }
    }

    /** The whitelist of {@code behaviour} (a behaviour document); {@link #EMPTY} without a {@code commands} section. */
    public static Whitelist of(JsonNode behaviour) {
        JsonNode c = behaviour.path("commands");
        if (!c.isObject()) {
            return EMPTY;
        }
        Map<String, Map<String, Allowed>> systems = new LinkedHashMap<>();
        c.path("systems").fields().forEachRemaining(s -> {
            Map<String, Allowed> actions = new LinkedHashMap<>();
            s.getValue().path("actions").fields().forEachRemaining(a -> {
                Map<String, ParamType> params = new LinkedHashMap<>();
                a.getValue().path("params").fields().forEachRemaining(p ->
                        ParamType.of(p.getValue().asText()).ifPresent(t -> params.put(p.getKey(), t)));
                Set<String> required = new TreeSet<>();
                a.getValue().path("required").forEach(r -> required.add(r.asText()));
                actions.put(a.getKey(), new Allowed(params, required));
            });
            systems.put(s.getKey(), actions);
        });
        List<FollowUp> followUps = new ArrayList<>();
        c.path("followUps").forEach(f -> {
            String status = f.path("status").asText("COMPLETED");
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                followUps.add(new FollowUp(f.path("when").asText(), CommandState.valueOf(status),
                        f.path("create").asText()));
            }
        });
        return new Whitelist(systems, followUps, Math.max(1, c.path("maxAttempts").asInt(DEFAULT_MAX_ATTEMPTS)),
                Math.max(1, c.path("leaseSeconds").asInt(DEFAULT_LEASE_SECONDS)));
    }

    /** A line the whitelist takes: its system, action and typed parameters. */
    public record Accepted(String system, String action, ObjectNode params) {
    }

    /**
     * {@code line} checked: accepted with its typed parameters, or every problem, each sentence
     * saying what is allowed instead.
     */
    public Check check(CommandLine line, ZoneId zone) {
        List<String> problems = new ArrayList<>();
        String system;
        if (line.system().isPresent()) {
            system = line.system().get();
            if (!systems.containsKey(system)) {
                return Check.refused("system " + system + " is not whitelisted; allowed: " + listed(systems.keySet()));
            }
        } else {
            List<String> having = systems.entrySet().stream().filter(e -> e.getValue().containsKey(line.action()))
                    .map(Map.Entry::getKey).toList();
            if (having.size() != 1) {
                return Check.refused(having.isEmpty() ? "action " + line.action() + " is not whitelisted for any system;"
                        + " allowed: " + allTargets() : "action " + line.action() + " is whitelisted for several systems ("
                        + String.join(", ", having) + "); write SYSTEM." + line.action());
            }
            system = having.get(0);
        }
        Allowed allowed = systems.get(system).get(line.action());
        if (allowed == null) {
            return Check.refused("action " + line.action() + " is not whitelisted for " + system + "; allowed: "
                    + listed(systems.get(system).keySet()));
        }
        ObjectNode params = Json.object();
        line.params().forEach((k, v) -> {
            ParamType type = allowed.params().get(k);
            if (type == null) {
                problems.add("parameter " + k + " is not whitelisted for " + system + "." + line.action()
                        + "; allowed: " + allowed.describe());
                return;
            }
            ParamType.Result r = type.read(v, zone);
            if (r.ok()) {
                params.set(k, r.value());
            } else {
                problems.add("parameter " + k + " (" + type.wireName() + ") " + r.problem());
            }
        });
        for (String r : allowed.required()) {
            if (!line.params().containsKey(r)) {
                problems.add("parameter " + r + " is required for " + system + "." + line.action());
            }
        }
        return problems.isEmpty() ? new Check(Optional.of(new Accepted(system, line.action(), params)), List.of())
                : new Check(Optional.empty(), problems);
    }

    /** The follow-ups of a command of {@code system.action} that reached {@code status}. */
    public List<FollowUp> followUps(String system, String action, CommandState status) {
        String target = system + "." + action;
        return followUps.stream().filter(f -> f.when().equals(target) && f.status() == status).toList();
    }

    private String allTargets() {
        List<String> all = new ArrayList<>();
        systems.forEach((s, actions) -> actions.keySet().forEach(a -> all.add(s + "." + a)));
        return listed(all);
    }

    private static String listed(java.util.Collection<String> names) {
        return names.isEmpty() ? "none (behaviour.avl whitelists no command; add one with a behaviour patch)"
                : String.join(", ", names);
    }

    /**
     * The whitelist's answer for one line.
     *
     * @param accepted the accepted line, when it was
     * @param problems why not, when it was not
     */
    public record Check(Optional<Accepted> accepted, List<String> problems) {
        public Check {
            problems = List.copyOf(problems);
        }

        static Check refused(String problem) {
            return new Check(Optional.empty(), List.of(problem));
        }
    }
}

package dev.avalon.git.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.testkit.fuzz.Bindings;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the running brain has made so far, learnt from its answers: ids by prefix ({@code EV-0003}),
 * the open questions, notulen files. Resolves the placeholders of generated requests with them.
 */
final class LiveRefs implements Bindings {

    private static final Pattern ID = Pattern.compile("^([A-Z]+)-[0-9]{4,}$");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, List<String>> byKind = new LinkedHashMap<>();
    /** Open questions by id, with their options, oldest first. */
    private final Map<String, List<String>> openQuestions = new LinkedHashMap<>();
    private int fresh;

    LiveRefs(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** Learns from an accepted answer: every id in it, the questions it asks, a question it closed. */
    void learn(JsonNode answer, String action, JsonNode request) {
        walk(answer.path("data"), null);
        for (JsonNode q : answer.path("ask")) {
            String id = q.path("id").asText("");
            if (!id.isEmpty()) {
                List<String> options = new ArrayList<>();
                q.path("options").forEach(o -> options.add(o.asText()));
                openQuestions.putIfAbsent(id, options);
            }
        }
        if (action.equals("question.answer")) {
            openQuestions.remove(request.path("data").path("id").asText(""));
        }
        String path = answer.path("data").path("path").asText("");
        if (action.equals("notulen.save") && path.startsWith("notulen/")) {
            add("file", path.substring(path.lastIndexOf('/') + 1));
        }
    }

    /** Forgets a question the brain refused as closed, expired or unknown. */
    void forgetQuestion(String id) {
        openQuestions.remove(id);
    }

    private void walk(JsonNode node, String key) {
        if (node.isTextual()) {
            Matcher m = ID.matcher(node.asText());
            if (m.matches()) {
                add(m.group(1), node.asText());
            }
        } else if (node.isContainerNode()) {
            node.fields().forEachRemaining(e -> walk(e.getValue(), e.getKey()));
            if (node.isArray()) {
                node.forEach(n -> walk(n, key));
            }
        }
    }

    private void add(String kind, String value) {
        List<String> known = byKind.computeIfAbsent(kind, k -> new ArrayList<>());
        if (!known.contains(value)) {
            known.add(value);
        }
    }

    @Override
    public String ref(String kind, int pick) {
        switch (kind) {
            case "fresh":
                return "F" + (++fresh);
            case "QA":
            case "QN":
                List<String> options = openQuestions.getOrDefault(ref("Q", pick), List.of());
                if (options.isEmpty()) {
                    return kind.equals("QA") ? "JA" : "NEE";
                }
                String wanted = kind.equals("QA") ? "JA" : "NEE";
                return options.contains(wanted) ? wanted
                        : options.get(kind.equals("QA") ? 0 : options.size() - 1);
            default:
                break;
        }
        List<String> known = kind.equals("Q") ? new ArrayList<>(openQuestions.keySet())
                : byKind.getOrDefault(kind, List.of());
        if (known.isEmpty()) {
            return kind.equals("file") ? "2026-11-23-nothing.md" : kind + "-0001";
        }
        // the newest first: a flow moves on by answering the question it just asked
        return known.get(known.size() - 1 - Math.floorMod(pick, Math.min(known.size(), 3)));
    }

    @Override
    public String time(long minutes, TimeShape shape) {
        ZonedDateTime at = ZonedDateTime.now(clock).withZoneSameInstant(zone).plusMinutes(minutes)
                .truncatedTo(ChronoUnit.MINUTES);
        return switch (shape) {
            case OFFSET -> at.toOffsetDateTime().format(OFFSET);
            case LOCAL -> at.toLocalDateTime().format(LOCAL);
            case DATE -> at.toLocalDate().toString();
            case WEEK -> String.format("%d-W%02d", at.get(IsoFields.WEEK_BASED_YEAR),
                    at.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        };
    }
}

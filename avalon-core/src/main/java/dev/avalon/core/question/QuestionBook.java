package dev.avalon.core.question;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every question of a brain ({@code state/questions.json}), in the order asked. Immutable.
 */
public final class QuestionBook {

    public static final QuestionBook EMPTY = new QuestionBook(Map.of());
    /** Closed questions kept for the record; older ones are dropped from the working file. */
    static final int CLOSED_KEPT = 200;

    private final Map<String, Question> byId;

    private QuestionBook(Map<String, Question> byId) {
        this.byId = byId;
    }

    public Optional<Question> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Question> all() {
        return List.copyOf(byId.values());
    }

    /** Questions still waiting for an answer at {@code now}. */
    public List<Question> open(Instant now) {
        return byId.values().stream().filter(q -> q.isOpenAt(now)).toList();
    }

    /** A book with {@code changed} questions added or replaced (by id). */
    public QuestionBook with(List<Question> changed) {
        Map<String, Question> next = new LinkedHashMap<>(byId);
        for (Question q : changed) {
            next.put(q.id(), q);
        }
        List<String> closed = next.values().stream().filter(q -> q.status().isClosed()).map(Question::id).toList();
        for (int i = 0; i < closed.size() - CLOSED_KEPT; i++) {
            next.remove(closed.get(i));
        }
        return new QuestionBook(java.util.Collections.unmodifiableMap(next));
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        ArrayNode list = node.putArray("questions");
        byId.values().forEach(q -> list.add(q.toJson()));
        return node;
    }

    public static QuestionBook fromJson(JsonNode node) {
        List<Question> questions = new ArrayList<>();
        node.path("questions").forEach(q -> questions.add(Question.fromJson(q)));
        return EMPTY.with(questions);
    }
}

package dev.avalon.core.question;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Something Avalon needs the user to decide. Persisted in the brain; answered by the
 * {@code question.answer} action. An unanswered or expired question changes nothing.
 *
 * @param id         stable id, e.g. {@code Q-…}
 * @param kind       what it is about
 * @param prompt     a sentence the front end can show or rephrase
 * @param data       facts the front end needs (the patch, the files and hashes, …)
 * @param options    the answers it accepts, e.g. {@code ["JA","NEE"]}
 * @param askedAt    when it was asked
 * @param expiresAt  after this, answers are refused
 * @param status     OPEN, ANSWERED, …
 * @param answer     the chosen option once answered, otherwise {@code null}
 * @param closedAt   when it left OPEN, otherwise {@code null}
 */
public record Question(String id, QuestionKind kind, String prompt, JsonNode data, List<String> options,
                       Instant askedAt, Instant expiresAt, QuestionStatus status, String answer, Instant closedAt) {

    public static final List<String> JA_NEE = List.of("JA", "NEE");

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(prompt, "prompt");
        data = Objects.requireNonNull(data, "data").deepCopy();
        options = List.copyOf(options);
        Objects.requireNonNull(askedAt, "askedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
    }

    /** A new open question. */
    public static Question ask(String id, QuestionKind kind, String prompt, JsonNode data, List<String> options,
                               Instant now, Instant expiresAt) {
        return new Question(id, kind, prompt, data, options, now, expiresAt, QuestionStatus.OPEN, null, null);
    }

    @Override
    public JsonNode data() {
        return data.deepCopy();
    }

    public boolean isOpenAt(Instant now) {
        return status == QuestionStatus.OPEN && now.isBefore(expiresAt);
    }

    /** The status a reader sees at {@code now}: an open question past its expiry reads as EXPIRED. */
    public QuestionStatus statusAt(Instant now) {
        return status == QuestionStatus.OPEN && !now.isBefore(expiresAt) ? QuestionStatus.EXPIRED : status;
    }

    public Question closed(QuestionStatus newStatus, String chosen, Instant at) {
        return new Question(id, kind, prompt, data, options, askedAt, expiresAt, newStatus, chosen, at);
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("kind", kind.name());
        node.put("prompt", prompt);
        node.set("data", data.deepCopy());
        node.set("options", Json.valueToTree(options));
        node.put("askedAt", askedAt.toString());
        node.put("expiresAt", expiresAt.toString());
        node.put("status", status.name());
        if (answer != null) {
            node.put("answer", answer);
        }
        if (closedAt != null) {
            node.put("closedAt", closedAt.toString());
        }
        return node;
    }

    /** The view of this question at {@code now} (status adjusted for expiry). */
    public ObjectNode toJsonAt(Instant now) {
        ObjectNode node = toJson();
        node.put("status", statusAt(now).name());
        return node;
    }

    /** This question as answers write it: its times local to {@code zone} with their offset. */
    public ObjectNode toAnswer(java.time.ZoneId zone) {
        ObjectNode node = toJson();
        node.put("askedAt", dev.avalon.core.time.DateTimeOutput.format(askedAt, zone));
        node.put("expiresAt", dev.avalon.core.time.DateTimeOutput.format(expiresAt, zone));
        if (closedAt != null) {
            node.put("closedAt", dev.avalon.core.time.DateTimeOutput.format(closedAt, zone));
        }
        return node;
    }

    /** {@link #toAnswer} at {@code now}, the status adjusted for expiry. */
    public ObjectNode toAnswerAt(Instant now, java.time.ZoneId zone) {
        ObjectNode node = toAnswer(zone);
        node.put("status", statusAt(now).name());
        return node;
    }

    /** An instant as stored ({@code …Z}) or as answers write it (with an offset), e.g. in a stored answer. */
    private static Instant instant(String text) {
        return java.time.OffsetDateTime.parse(text).toInstant();
    }

    public static Question fromJson(JsonNode node) {
        List<String> options = new ArrayList<>();
        node.get("options").forEach(o -> options.add(o.textValue()));
        return new Question(node.get("id").textValue(), QuestionKind.of(node.get("kind").textValue()),
                node.get("prompt").textValue(), node.get("data"), options,
                instant(node.get("askedAt").textValue()), instant(node.get("expiresAt").textValue()),
                QuestionStatus.valueOf(node.get("status").textValue()),
                node.hasNonNull("answer") ? node.get("answer").textValue() : null,
                node.hasNonNull("closedAt") ? instant(node.get("closedAt").textValue()) : null);
    }
}

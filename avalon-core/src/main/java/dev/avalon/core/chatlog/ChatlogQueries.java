package dev.avalon.core.chatlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The read side of chatlogs: one day in pages ({@code chatlog.read}) and a text search over days. */
final class ChatlogQueries {

    private static final int DEFAULT_PAGE = 50;
    private static final int DEFAULT_MATCHES = 20;
    private static final int DEFAULT_SEARCH_DAYS = 30;
    private static final int MAX_SEARCH_DAYS = 366;

    private ChatlogQueries() {
    }

    record ReadData(LocalDate date, String conversationId, Integer offset, Integer limit) {
    }

    record SearchData(String query, LocalDate from, LocalDate to, String conversationId, Integer limit) {
    }

    /** One line of a chatlog file with its 1-based number. */
    private record Line(BrainPath path, int number, JsonNode message) {
        ObjectNode toJson(boolean withPath) {
            ObjectNode n = Json.object();
            if (withPath) {
                n.put("path", path.value());
                // the day, as chatlog.read takes it: chatlogs/<yyyy-mm-dd>.jsonl
                String file = path.value().substring(ChatlogFeature.FOLDER.length() + 1);
                n.put("date", file.substring(0, file.length() - ".jsonl".length()));
            }
            n.put("line", number);
            n.put("conversationId", message.path("conversationId").asText());
            n.put("role", message.path("role").asText());
            n.put("text", message.path("text").asText());
            n.put("ts", message.path("ts").asText());
            return n;
        }
    }

    static Outcome read(ActionContext ctx) {
        ReadData d = ctx.dataAs(ReadData.class);
        int offset = d.offset() == null ? 0 : d.offset();
        int limit = d.limit() == null ? DEFAULT_PAGE : d.limit();
        BrainPath path = pathOf(d.date());
        List<Line> lines = lines(ctx, path).stream()
                .filter(l -> d.conversationId() == null
                        || d.conversationId().equals(l.message().path("conversationId").asText()))
                .toList();
        ObjectNode result = Json.object();
        result.put("date", d.date().toString());
        result.put("path", path.value());
        ArrayNode page = result.putArray("lines");
        lines.stream().skip(offset).limit(limit).forEach(l -> page.add(l.toJson(false)));
        result.put("total", lines.size());
        if ((long) offset + limit < lines.size()) {
            result.put("nextOffset", offset + limit);
        }
        return Outcome.of(result);
    }

    static Outcome search(ActionContext ctx) {
        SearchData d = ctx.dataAs(SearchData.class);
        LocalDate to = d.to() != null ? d.to() : ctx.now().atZone(ctx.zone()).toLocalDate();
        LocalDate from = d.from() != null ? d.from() : to.minusDays(DEFAULT_SEARCH_DAYS);
        if (from.isAfter(to)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "from is after to",
                    new Violation("$.data.from", "must not be after to (" + to + ")"));
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_SEARCH_DAYS) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the search window is too long",
                    new Violation("$.data.from", "at most " + MAX_SEARCH_DAYS + " days before to (" + to + ")"));
        }
        String needle = folded(d.query());
        int limit = d.limit() == null ? DEFAULT_MATCHES : d.limit();
        ObjectNode result = Json.object();
        ArrayNode matches = result.putArray("matches");
        boolean truncated = false;
        // newest day first, and within a day the newest line first: what was said last matters most
        for (LocalDate day = to; !day.isBefore(from) && !truncated; day = day.minusDays(1)) {
            List<Line> lines = lines(ctx, pathOf(day));
            for (int i = lines.size() - 1; i >= 0; i--) {
                JsonNode m = lines.get(i).message();
                if (d.conversationId() != null && !d.conversationId().equals(m.path("conversationId").asText())) {
                    continue;
                }
                if (!folded(m.path("text").asText()).contains(needle)) {
                    continue;
                }
                if (matches.size() == limit) {
                    truncated = true;
                    break;
                }
                matches.add(lines.get(i).toJson(true));
            }
        }
        result.put("truncated", truncated);
        return Outcome.of(result);
    }

    private static BrainPath pathOf(LocalDate day) {
        return BrainPath.of(ChatlogFeature.FOLDER + "/" + day + ".jsonl");
    }

    private static List<Line> lines(ActionContext ctx, BrainPath path) {
        Optional<byte[]> bytes = ctx.brain().read(path);
        if (bytes.isEmpty()) {
            return List.of();
        }
        List<String> raw = new String(bytes.get(), StandardCharsets.UTF_8).lines().toList();
        List<Line> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(new Line(path, i + 1, Json.parse(raw.get(i))));
            } catch (JsonProcessingException e) {
                // a damaged line is the validator's finding (system.validate); reading skips it
            }
        }
        return out;
    }

    /** Lower case without accents, so "Begroting" finds "begróting" the way a person means it. */
    private static String folded(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
    }
}

package dev.avalon.core.finance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the weekly finance check stands, persisted in {@code state/workflows/finance-check.json}
 * so that a restart resumes it instead of asking again.
 *
 * @param week       the ISO week it is for
 * @param status     where it stands
 * @param questionId the question it waits for, or {@code null}
 * @param sheet      the sheet it wrote, or {@code null}
 * @param commitSha  the commit that closed it, or {@code null}
 * @param startedAt  when it started
 * @param updatedAt  when it last moved
 */
public record FinanceCheckState(IsoWeek week, Status status, String questionId, String sheet, String commitSha,
                                Instant startedAt, Instant updatedAt) {

    public static final BrainPath PATH = BrainPath.of("state/workflows/finance-check.json");
    public static final String WORKFLOW = "finance-check";

    /** The steps of the check. */
    public enum Status {
        AWAITING_INCOME, AWAITING_ALLOCATION, AWAITING_COMMIT, DONE, DECLINED, FAILED;

        public boolean waiting() {
            return this == AWAITING_INCOME || this == AWAITING_ALLOCATION || this == AWAITING_COMMIT;
        }
    }

    public FinanceCheckState {
        Objects.requireNonNull(week, "week");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public FinanceCheckState next(Status to, String question, Instant at) {
        return new FinanceCheckState(week, to, question, sheet, commitSha, startedAt, at);
    }

    public FinanceCheckState withSheet(String path) {
        return new FinanceCheckState(week, status, questionId, path, commitSha, startedAt, updatedAt);
    }

    public FinanceCheckState done(String sha, Instant at) {
        return new FinanceCheckState(week, Status.DONE, null, sheet, sha, startedAt, at);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("workflow", WORKFLOW);
        n.put("week", week.toString());
        n.put("status", status.name());
        if (questionId != null) {
            n.put("questionId", questionId);
        }
        if (sheet != null) {
            n.put("sheet", sheet);
        }
        if (commitSha != null) {
            n.put("commitSha", commitSha);
        }
        n.put("startedAt", startedAt.toString());
        n.put("updatedAt", updatedAt.toString());
        return n;
    }

    public static FinanceCheckState fromJson(JsonNode n) {
        return new FinanceCheckState(IsoWeek.parse(n.get("week").textValue()).orElseThrow(),
                Status.valueOf(n.get("status").textValue()), text(n, "questionId"), text(n, "sheet"),
                text(n, "commitSha"), Instant.parse(n.get("startedAt").textValue()),
                Instant.parse(n.get("updatedAt").textValue()));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).textValue() : null;
    }
}

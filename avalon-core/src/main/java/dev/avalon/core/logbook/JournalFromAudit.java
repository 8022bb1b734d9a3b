package dev.avalon.core.logbook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.audit.AuditFile;
import dev.avalon.core.audit.AuditLines;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.time.IsoWeek;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A week's journal ({@code state/logbook/<yyyy>-W<ww>.json}) rebuilt from the audit log: working state is
 * never committed, so history holds no copy, but every entry is audited whole ({@code logbook.entry_recorded}
 * with the entry and its sha256) and replaying them in order gives the journal back as it was written. The
 * audit log scrubs personal data, so a week with an entry whose hash does not match (or one audited before
 * entries were audited whole) is not rebuilt: better listed as not repaired than given back altered.
 */
final class JournalFromAudit {

    static final String RECORDED = "logbook.entry_recorded";
    private static final Pattern JOURNAL = Pattern.compile(Pattern.quote(LogbookJournal.FOLDER) + "/(\\d{4}-W\\d{2})\\.json");
    private static final BrainValidation.FileValidator SCHEMA = BrainValidation.schema("schema/logbook-week.schema.json");

    private JournalFromAudit() {
    }

    /** The sha256 an entry is audited with: of its canonical JSON as the journal holds it. */
    static String sha256(LogbookEntry entry) {
        return CanonicalJson.sha256(entry.toJson());
    }

    /** The rebuilt journal's bytes for {@code path}, or empty when it is no journal or cannot be rebuilt whole. */
    static Optional<byte[]> rebuild(BrainPath path, List<AuditFile> audit) {
        Matcher m = JOURNAL.matcher(path.value());
        if (!m.matches()) {
            return Optional.empty();
        }
        IsoWeek week;
        try {
            week = IsoWeek.parse(m.group(1));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        LogbookWeek journal = LogbookWeek.empty(week);
        boolean any = false;
        for (JsonNode e : AuditLines.entries(audit)) {
            JsonNode data = e.path("data");
            if (!RECORDED.equals(e.path("type").asText("")) || !week.toString().equals(data.path("week").asText(""))) {
                continue;
            }
            LogbookEntry entry;
            try {
                entry = LogbookEntry.fromJson(data.path("entry"));
            } catch (RuntimeException notWhole) {
                return Optional.empty();
            }
            if (!sha256(entry).equals(data.path("entrySha256").asText(null))) {
                return Optional.empty();
            }
            journal = journal.with(entry);
            any = true;
        }
        if (!any) {
            return Optional.empty();
        }
        byte[] bytes = Json.pretty(journal.toJson());
        return SCHEMA.validate(path, bytes).isEmpty() ? Optional.of(bytes) : Optional.empty();
    }
}

package dev.avalon.testkit.brain;

import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The audit heads recorded in commits, as a long-lived Brain reads them")
class RecordedAuditHeadsTest {

    private static final BrainPath FILE = BrainPath.of("notes/n.txt");

    @Test
    @DisplayName("a Brain that reads only the commits made since its last read sees what a new one reads whole")
    void sameAsAFreshRead() {
        InMemoryBrainStore store = new InMemoryBrainStore();
        Brain longLived = new Brain(store);
        assertThat(longLived.recordedAuditHeads()).isEmpty();
        String hash = "a".repeat(64);
        // more commits between two reads than the first page it asks for, and commits without a head
        int[] batches = {1, 1, 3, 20, 70, 2};
        int seq = 0;
        for (int batch : batches) {
            for (int i = 0; i < batch; i++) {
                seq++;
                store.apply(List.of(FileChange.put(FILE, ("v" + seq).getBytes(StandardCharsets.UTF_8))));
                Map<String, String> trailers = seq % 5 == 0 ? Map.of()
                        : Map.of(BrainLayout.AUDIT_HEAD_TRAILER, new AuditHead(seq, hash).toString());
                store.commit(new CommitRequest(List.of(FILE), "commit " + seq, trailers,
                        Instant.parse("2026-11-23T07:00:00Z").plusSeconds(seq), "Avalon"));
            }
            List<AuditHead> fresh = new Brain(store).recordedAuditHeads();
            assertThat(longLived.recordedAuditHeads()).isEqualTo(fresh);
            assertThat(fresh).hasSize(seq - seq / 5);
            assertThat(fresh.get(fresh.size() - 1).seq()).isEqualTo(seq % 5 == 0 ? seq - 1 : seq);
        }
        assertThat(longLived.recordedAuditHeads()).as("asked again with no new commit")
                .isEqualTo(new Brain(store).recordedAuditHeads());
    }
}

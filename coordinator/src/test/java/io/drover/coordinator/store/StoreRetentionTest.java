package io.drover.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreRetentionTest {
    @TempDir
    Path results;

    @Test
    void removingARunLeavesTheOthersAsTheyWere() throws Exception {
        try (StoreDatabase db = StoreDatabase.open(TestPostgres.newDatabase())) {
            StoreBatchTest.write(db, StoreBatchTest.run("old"));
            StoreBatchTest.write(db, StoreBatchTest.run("kept"));
            db.pool().query("update runs set created_at = created_at - interval '40 days' where run = 'old'")
                    .execute().await();
            Files.createDirectories(results.resolve("old/plans/a"));
            Files.writeString(results.resolve("old/plans/a/output.txt"), "x");
            Files.createSymbolicLink(results.resolve("old/elsewhere"), results.resolve("kept"));
            Files.createDirectories(results.resolve("kept"));
            Files.writeString(results.resolve("kept/output.txt"), "y");
            StoreRetention retention = new StoreRetention(db);

            assertThat(retention.createdBefore(OffsetDateTime.now().minusDays(30))).containsExactly("old");
            assertThat(retention.remove("old", results)).isTrue();

            assertThat(TestPostgres.dump(db)).isNotEmpty().noneMatch(row -> row.contains("\"old\""));
            assertThat(TestPostgres.dump(db)).anyMatch(row -> row.startsWith("tests ") && row.contains("\"kept\""));
            assertThat(results.resolve("old")).doesNotExist();
            assertThat(results.resolve("kept/output.txt")).hasContent("y");
            assertThat(retention.remove("old", results)).isFalse();
            // "." and ".." name no run's directory: the results directory and what holds it stay
            assertThat(retention.remove(".", results)).isFalse();
            assertThat(retention.remove("..", results)).isFalse();
            assertThat(results.resolve("kept/output.txt")).hasContent("y");
        }
    }
}

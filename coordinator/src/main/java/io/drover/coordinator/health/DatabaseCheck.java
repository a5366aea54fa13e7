package io.drover.coordinator.health;

import io.drover.coordinator.store.StoreDatabase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The result store's PostgreSQL answers a query. */
public final class DatabaseCheck implements HealthCheck {
    private final StoreDatabase database;

    public DatabaseCheck(StoreDatabase database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void check(Duration timeout) throws Exception {
        // not Future.await(): it refuses to run on the Vert.x worker threads that the checks run on
        database.pool().query("select 1").execute().toCompletionStage().toCompletableFuture()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}

package io.drover.coordinator.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * A connection pool to the result store's PostgreSQL, on a Vert.x of its own, with the store's schema brought up to
 * date ({@link Migrations}) when it opens. Thread-safe; closing it closes the pool and its Vert.x.
 */
public final class StoreDatabase implements AutoCloseable {
    private final Vertx vertx;
    private final Pool pool;
    private final String where;

    private StoreDatabase(Vertx vertx, Pool pool, String where) {
        this.vertx = vertx;
        this.pool = pool;
        this.where = where;
    }

    /**
     * Connects to {@code url} ({@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE}) and applies the migrations
     * the database lacks. A database that cannot be reached or migrated is a {@link StoreException} naming it.
     */
    public static StoreDatabase open(String url) {
        PgConnectOptions options;
        try {
            options = PgConnectOptions.fromUri(url);
        } catch (RuntimeException e) {
            // the client's message quotes the URL, password and all
            throw new StoreException("bad database URL '" + redacted(url) + "': "
                    + redacted(String.valueOf(e.getMessage())), e);
        }
        options.setPipeliningLimit(256);
        // the store's statements are many and short: compiling them (a server built with LLVM does, for the costly
        // plans of a run's read-back) takes longer than running them
        options.addProperty("jit", "off");
        String where = options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(options).using(vertx).build();
        StoreDatabase database = new StoreDatabase(vertx, pool, where);
        try {
            Migrations.apply(pool);
        } catch (Exception e) { // await() also throws the client's checked exceptions (a refused connection)
            database.close();
            throw new StoreException("cannot use the database " + where + ": " + firstLine(e), e);
        }
        return database;
    }

    /** Waits for a database operation; its failure is a {@link StoreException} naming the database. */
    public <T> T await(Future<T> operation) {
        try {
            return operation.await();
        } catch (Exception e) { // await() also throws the client's checked exceptions
            throw new StoreException("the database " + where + ": " + firstLine(e), e);
        }
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
    }

    /** The text with the password of every URL in it hidden, for messages. */
    static String redacted(String url) {
        return url.replaceAll("(://[^:/@]*):[^@/]*@", "$1:***@");
    }

    public Pool pool() {
        return pool;
    }

    /** {@code HOST:PORT/DATABASE}, for messages. */
    public String where() {
        return where;
    }

    @Override
    public void close() {
        try {
            pool.close().await();
        } finally {
            vertx.close().await();
        }
    }
}

package dev.jamra.server.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a database connection. */
@FunctionalInterface
public interface SqlWork<T> {

    T apply(Connection connection) throws SQLException;
}

package dev.jamra.server.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What {@link Database#read} and {@link Database#write} run: a function of a database connection, which may fail as
 * JDBC does.
 */
@FunctionalInterface
public interface SqlFunction<T> {

    T apply(Connection connection) throws SQLException;
}

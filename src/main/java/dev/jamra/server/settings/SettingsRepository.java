package dev.jamra.server.settings;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.storage.Sql;

import jakarta.json.JsonReader;

import static dev.jamra.server.web.JsonFactory.JSON;

/** The SQL of settings; values are stored as their JSON text. Works on the connection it is given. */
public final class SettingsRepository {
    private static final String COLUMNS = "key, scope, value, updated_at";

    public SettingsRepository() {
    }

    /** Every setting, or those of one scope, by key. */
    List<Setting> list(Connection c, Optional<String> scope) throws SQLException {
        return scope.isPresent()
                ? Sql.all(c, "SELECT " + COLUMNS + " FROM settings WHERE scope = ? ORDER BY key",
                        SettingsRepository::setting, scope.get())
                : Sql.all(c, "SELECT " + COLUMNS + " FROM settings ORDER BY key", SettingsRepository::setting);
    }

    Optional<Setting> find(Connection c, String key) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM settings WHERE key = ?", SettingsRepository::setting, key);
    }

    /** Stores the setting, replacing the value and scope of one with the same key. */
    void save(Connection c, Setting setting) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO settings (key, scope, value, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET
                    scope = excluded.scope, value = excluded.value, updated_at = excluded.updated_at""")) {
            upsert.setString(1, setting.key());
            upsert.setString(2, setting.scope());
            upsert.setString(3, setting.value().toString());
            upsert.setString(4, IsoTime.format(setting.updatedAt()));
            upsert.executeUpdate();
        }
    }

    void delete(Connection c, String key) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM settings WHERE key = ?")) {
            delete.setString(1, key);
            delete.executeUpdate();
        }
    }

    private static Setting setting(ResultSet rs) throws SQLException {
        try (JsonReader reader = JSON.createReader(new StringReader(rs.getString("value")))) {
            return new Setting(rs.getString("key"), rs.getString("scope"), reader.readValue(),
                    IsoTime.parse(rs.getString("updated_at")));
        }
    }
}

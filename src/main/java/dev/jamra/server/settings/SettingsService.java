package dev.jamra.server.settings;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.IsoTime;

import jakarta.json.JsonValue;

/** Key/value settings: a key lives in one scope at a time, and a put replaces both its value and its scope. */
public final class SettingsService {
    private final Database db;
    private final SettingsRepository settings;
    private final Clock clock;

    public SettingsService(Database db, SettingsRepository settings, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    List<Setting> list(Optional<String> scope) {
        return db.read(c -> settings.list(c, scope));
    }

    Setting get(String key) {
        return db.read(c -> settings.find(c, key))
                .orElseThrow(() -> new ServiceException.NotFound("No setting with key " + key));
    }

    void put(String key, Optional<String> scope, JsonValue value) {
        Setting setting = new Setting(key, scope.orElse(Setting.DEFAULT_SCOPE), value, IsoTime.now(clock));
        db.write(c -> {
            settings.save(c, setting);
            return null;
        });
    }

    /** Deletes the setting; deleting one that is not there is not an error. */
    void delete(String key) {
        db.write(c -> {
            settings.delete(c, key);
            return null;
        });
    }
}

package dev.jamra.server.sources;

import java.util.Map;

import dev.jamra.server.errors.ServiceException;

/**
 * The answer to the original server's installer routes: sources here are compiled Java plug-ins, so nothing is
 * installed from a repository at run time, and there are no install jobs to follow.
 */
final class PluginInstalls {
    static final String HOW_TO_ADD = "Sources of this server are Java plug-ins and cannot be installed from a "
                                     + "repository: to add one, put its jar (a MangaSourceProvider listed in "
                                     + "META-INF/services) on the server's class path and restart the server.";

    private PluginInstalls() {
    }

    /** A request to install is refused (400). */
    static ServiceException refused() {
        return new ServiceException.Invalid(HOW_TO_ADD, Map.of("reason", "java-plugins"));
    }

    /** An install job is never found (404), since none ever exists. */
    static ServiceException noJob() {
        return new ServiceException.NotFound(HOW_TO_ADD);
    }
}

package dev.jamra.server.sources;

import java.util.Map;

import dev.jamra.server.web.ApiException;
import dev.jamra.server.web.BadRequestException;
import dev.jamra.server.web.NotFoundException;

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

    /** 400 for a request to install. */
    static ApiException refused() {
        return new BadRequestException(HOW_TO_ADD, Map.of("reason", "java-plugins"));
    }

    /** 404 for an install job, since none ever exists. */
    static ApiException noJob() {
        return new NotFoundException(HOW_TO_ADD);
    }
}

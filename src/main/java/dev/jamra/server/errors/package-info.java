/**
 * The failures the features report, in their own terms and without HTTP: {@link
 * dev.jamra.server.errors.ServiceException} and its kinds. Services throw them; {@code web} maps each kind to one
 * status and error body, so the rules of a feature do not depend on how they are served.
 */
package dev.jamra.server.errors;

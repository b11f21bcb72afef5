/**
 * The public API of Cistern: the types a user of the library touches.
 *
 * <p>Everything else lives in {@code dev.cistern.internal.*}, which the module does not export.
 */
package dev.cistern;

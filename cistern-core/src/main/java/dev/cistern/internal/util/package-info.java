/**
 * Small helpers shared by the engine's internal packages (never by the pool, which stands alone).
 */
package dev.cistern.internal.util;

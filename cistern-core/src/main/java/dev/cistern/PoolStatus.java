package dev.cistern;

/**
 * A snapshot of a pool: how many connections it holds and what they are doing.
 *
 * <p>The numbers are read without stopping the pool, so under load they may not add up exactly.
 *
 * @param name the pool's (engine's) name
 * @param poolSize the configured number of connections kept
 * @param maxOverflow the configured number of extra connections allowed, -1 for unlimited
 * @param size physical connections open now
 * @param idle connections open and waiting to be borrowed
 * @param inUse connections borrowed now
 * @param waiting borrowers waiting for a connection
 */
public record PoolStatus(
    String name, int poolSize, int maxOverflow, int size, int idle, int inUse, int waiting) {

  /**
   * Returns the connections open beyond {@link #poolSize()}.
   *
   * @return the number of overflow connections open
   */
  public int overflow() {
    return poolSize == 0 ? 0 : Math.max(0, size - poolSize);
  }

  /** One line: {@code pool 'orders': size 5, overflow 0/10, idle 2, in use 3, waiting 0}. */
  @Override
  public String toString() {
    return "pool '" + name + "': " + counts();
  }

  /**
   * The counts without the name: {@code size 5, overflow 0/10, idle 2, in use 3, waiting 0}.
   *
   * @return the counts as one line
   */
  public String counts() {
    String max = maxOverflow < 0 ? "unlimited" : Integer.toString(maxOverflow);
    return "size "
        + size
        + ", overflow "
        + overflow()
        + "/"
        + max
        + ", idle "
        + idle
        + ", in use "
        + inUse
        + ", waiting "
        + waiting;
  }
}

package dev.cistern;

/** The engine was closed: it hands out no more connections. The message names the engine. */
public class EngineClosedException extends CisternException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for the named engine.
   *
   * @param engineName the name of the closed engine
   */
  public EngineClosedException(String engineName) {
    super("engine '" + engineName + "' is closed; create a new engine to connect again");
  }
}

package dev.cistern;

/**
 * A user name and password to open one database connection with.
 *
 * <p>A pool may take a supplier of credentials instead of the ones in its URL; it asks the supplier
 * again for every new physical connection, so passwords that rotate and short-lived tokens (such as
 * cloud IAM authentication tokens) keep working. {@link #toString()} never shows the password.
 *
 * @param username the user name, or {@code null} to connect without one
 * @param password the password or token, or {@code null} to connect without one
 */
public record Credentials(String username, String password) {

  /**
   * Returns the user name and a masked password: {@code Credentials[username=app, password=***]}.
   */
  @Override
  public String toString() {
    return "Credentials[username="
        + username
        + ", password="
        + (password == null ? "null" : "***")
        + "]";
  }
}

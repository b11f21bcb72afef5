package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DisconnectedExceptionTest {
  @Test
  void carriesItsMessageAndTheDriversCause() {
    SQLException driver = new SQLException("terminating connection due to administrator", "57P01");
    DisconnectedException e =
        new DisconnectedException(
            "connection invalidated: the database connection was lost ("
                + driver.getMessage()
                + "); close this connection and borrow another",
            driver);
    assertThat(e)
        .isInstanceOf(CisternException.class)
        .isInstanceOf(RuntimeException.class)
        .hasMessage(
            "connection invalidated: the database connection was lost (terminating connection"
                + " due to administrator); close this connection and borrow another")
        .hasCause(driver);
  }
}

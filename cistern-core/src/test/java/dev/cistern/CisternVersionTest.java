package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CisternVersionTest {
  @Test
  void theVersionComesFromTheBuild() {
    // Maven filters cistern-version.properties with ${project.version}: never "dev" in a build
    assertThat(Cistern.version()).isNotEqualTo("dev").matches("\\d+\\.\\d+\\.\\d+.*");
  }
}

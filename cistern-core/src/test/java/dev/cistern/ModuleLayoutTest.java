package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

class ModuleLayoutTest {
  @Test
  void coreExportsOnlyThePublicPackageAndNeedsOnlySlf4j() throws IOException {
    try (InputStream in = Cistern.class.getResourceAsStream("/module-info.class")) {
      assertThat(in).as("module-info.class of cistern-core").isNotNull();
      ModuleDescriptor d = ModuleDescriptor.read(in);
      assertThat(d.name()).isEqualTo("dev.cistern");
      assertThat(d.exports())
          .extracting(ModuleDescriptor.Exports::source)
          .containsExactly("dev.cistern");
      assertThat(d.requires())
          .extracting(ModuleDescriptor.Requires::name)
          .containsExactlyInAnyOrder("java.base", "java.sql", "org.slf4j");
    }
  }
}

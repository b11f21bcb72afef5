package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModuleLayoutTest {
  @Test
  void coreExportsOnlyThePublicPackageAndNeedsOnlySlf4j() throws Exception {
    // The class path also holds the JDK's own module-info files: read the one beside our classes.
    Path classes =
        Path.of(Cistern.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      ModuleDescriptor d = ModuleDescriptor.read(in);
      assertThat(d.name()).isEqualTo("dev.cistern");
      assertThat(d.exports())
          .extracting(ModuleDescriptor.Exports::source)
          .containsExactly("dev.cistern");
      assertThat(d.requires())
          .extracting(ModuleDescriptor.Requires::name)
          .containsExactlyInAnyOrder(
              "java.base", "java.sql", "org.slf4j", "jdk.net", "jdk.jfr", "java.management");
      // jdk.net (TCP keepalive tuning) and jdk.jfr (Flight Recorder events) are the JDK's own and
      // optional: a runtime without them works
      assertThat(d.requires())
          .filteredOn(r -> r.name().equals("jdk.net") || r.name().equals("jdk.jfr"))
          .hasSize(2)
          .allSatisfy(
              r -> assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.STATIC));
    }
  }
}

package dev.cistern.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line is a client of Cistern like any other: it uses the public API only. */
class PublicApiOnlyTest {
  @Test
  void noClassOfTheCliUsesCisternInternals() throws Exception {
    JavaClasses cli =
        new ClassFileImporter()
            .importPath(
                Path.of(Cli.class.getProtectionDomain().getCodeSource().getLocation().toURI()));

    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.cistern.internal..")
        .check(cli);
  }
}

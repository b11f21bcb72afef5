package dev.cistern.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks measure Cistern as a user gets it, through the public API; only {@link BenchPools}
 * reaches the internal pool, on purpose, to measure it bare ({@code cistern-pool}).
 */
class PublicApiOnlyTest {
  @Test
  void onlyBenchPoolsUsesCisternInternals() throws Exception {
    JavaClasses bench =
        new ClassFileImporter()
            .importPath(
                Path.of(
                    BenchPools.class.getProtectionDomain().getCodeSource().getLocation().toURI()));

    noClasses()
        .that()
        .doNotBelongToAnyOf(BenchPools.class)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.cistern.internal..")
        .check(bench);
  }
}

package dev.cistern.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.cistern.Cistern;
import dev.cistern.DatabaseUrl;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.SqlConnection;
import dev.cistern.Transaction;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md, checked on cistern-core's main classes (tests may
 * reach anything).
 */
class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter().importPath(classesOf(Engine.class));

  /** The directory (or jar) a class was loaded from: the module's main classes, nothing else. */
  static Path classesOf(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theInternalPackagesHaveNoCycles() {
    slices().matching("dev.cistern.internal.(*)..").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void thePoolDependsOnNoOtherInternalPackage() {
    noClasses()
        .that()
        .resideInAPackage("dev.cistern.internal.pool..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.cistern.internal..")
                .and(resideOutsideOfPackage("dev.cistern.internal.pool..")))
        .check(CORE);
  }

  @Test
  void internalCodeNeverCallsBackIntoThePublicFacades() {
    noClasses()
        .that()
        .resideInAPackage("dev.cistern.internal..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(Engine.class, SqlConnection.class, Transaction.class, Cistern.class)
        .check(CORE);
  }

  @Test
  void internalCodeReadsOptionValuesWithoutGoingBackThroughOption() {
    // Option.parse and validate are the public doors to internal.url.OptionValues: internal code
    // calls OptionValues itself and reads Option only as a table (constant, key, names, type,
    // default)
    noClasses()
        .that()
        .resideInAPackage("dev.cistern.internal..")
        .should()
        .callMethod(Option.class, "parse", String.class)
        .orShould()
        .callMethod(Option.class, "validate", Object.class)
        .check(CORE);
  }

  @Test
  void internalCodeReadsUrlsButNeverMakesThem() {
    // the parser returns parts and DatabaseUrl builds itself from them; internal code only reads
    // a DatabaseUrl it is given
    noClasses()
        .that()
        .resideInAPackage("dev.cistern.internal..")
        .should()
        .callCodeUnitWhere(
            JavaCall.Predicates.target(
                    HasOwner.Predicates.With.owner(
                        JavaClass.Predicates.belongToAnyOf(
                            DatabaseUrl.class, DatabaseUrl.Builder.class)))
                .and(
                    JavaCall.Predicates.target(
                        HasName.Predicates.nameMatching("parse|builder|of|fromEnvironment|build"))))
        .check(CORE);
  }
}

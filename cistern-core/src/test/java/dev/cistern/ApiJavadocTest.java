package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public or protected type and member of the public package {@code dev.cistern} has a Javadoc
 * comment. javac's doclint (see cistern-core's POM) fails the compile on broken Javadoc there;
 * maven-javadoc-plugin (root POM: every doclint group, {@code failOnWarnings}) also demands every
 * {@code @param}/{@code @return} tag, but only when the Javadoc is built. This test catches a
 * missing comment in every test run.
 */
class ApiJavadocTest {

  @Test
  void everyPublicTypeAndMemberOfDevCisternHasAJavadocComment() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.list(Path.of("src", "main", "java", "dev", "cistern"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertThat(sources).as("the public package's sources").isNotEmpty();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> undocumented = new ArrayList<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null, files, null, null, null, files.getJavaFileObjectsFromPaths(sources));
      DocTrees docs = DocTrees.instance(task);
      for (CompilationUnitTree unit : task.parse()) {
        new Undocumented(docs, unit, undocumented).scan(new TreePath(unit), null);
      }
    }
    assertThat(undocumented).as("public API without a Javadoc comment").isEmpty();
  }

  /** Collects the public/protected declarations (in public types) that have no doc comment. */
  private static final class Undocumented extends TreePathScanner<Void, Boolean> {
    private final DocTrees docs;
    private final CompilationUnitTree unit;
    private final List<String> out;

    Undocumented(DocTrees docs, CompilationUnitTree unit, List<String> out) {
      this.docs = docs;
      this.unit = unit;
      this.out = out;
    }

    @Override
    public Void visitClass(ClassTree c, Boolean inInterface) {
      if (!visible(c.getModifiers(), inInterface)) {
        return null; // nothing inside a non-public type is API
      }
      check(c.getSimpleName().toString());
      boolean members =
          c.getKind() == Tree.Kind.INTERFACE || c.getKind() == Tree.Kind.ANNOTATION_TYPE;
      for (Tree member : c.getMembers()) {
        scan(member, members);
      }
      return null;
    }

    @Override
    public Void visitMethod(MethodTree m, Boolean inInterface) {
      boolean generated = m.getName().contentEquals("<init>") && isImplicit(m);
      // an override inherits its documentation (as doclint sees it too)
      boolean override =
          m.getModifiers().getAnnotations().stream()
              .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
      if (!generated && !override && visible(m.getModifiers(), inInterface)) {
        check(m.getName() + "()");
      }
      return null;
    }

    @Override
    public Void visitVariable(VariableTree v, Boolean inInterface) {
      if (visible(v.getModifiers(), inInterface)) {
        check(v.getName().toString());
      }
      return null;
    }

    private boolean isImplicit(MethodTree m) {
      return docs.getSourcePositions().getStartPosition(unit, m) < 0;
    }

    private static boolean visible(ModifiersTree mods, Boolean inInterface) {
      return mods.getFlags().contains(Modifier.PUBLIC)
          || mods.getFlags().contains(Modifier.PROTECTED)
          || (Boolean.TRUE.equals(inInterface) && !mods.getFlags().contains(Modifier.PRIVATE));
    }

    private void check(String what) {
      if (docs.getDocCommentTree(getCurrentPath()) == null) {
        long line =
            unit.getLineMap()
                .getLineNumber(
                    docs.getSourcePositions().getStartPosition(unit, getCurrentPath().getLeaf()));
        out.add(unit.getSourceFile().getName() + ":" + line + " " + what);
      }
    }
  }
}

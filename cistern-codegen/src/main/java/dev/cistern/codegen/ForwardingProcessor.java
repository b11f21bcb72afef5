package dev.cistern.codegen;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Writes the uniform JDBC methods of a hand-written abstract class, so that the class holds only
 * the methods with real logic.
 *
 * <p>For a class {@code X} annotated {@code @Forwarding} (Cistern's proxies) it writes {@code final
 * class GeneratedX extends X}: one constructor per constructor of {@code X}, and every method of
 * the JDBC interfaces {@code X} implements that no class in {@code X}'s hierarchy implements. Each
 * body is the same: a guard ({@code checkOpen()}, or {@code beforeExecute()} for the methods the
 * annotation names, which then end with {@code afterExecute()} in a {@code finally}), the call to
 * the driver's object (the field the annotation names, {@code raw} by default), the driver's {@code
 * SQLException} passed through {@code fail(e)}, and every JDBC object the call returns passed
 * through {@code wrap(...)}, so that nothing raw escapes. A method whose first parameter is SQL
 * text ({@code prepareStatement}, {@code prepareCall}, {@code execute...(String, ...)}, {@code
 * addBatch(String)}) first hands it to {@code checkSql(sql)} (which may refuse it before the
 * guard), then passes it on to {@code fail(e, sql)}, and a prepared statement made of it to {@code
 * wrap(statement, sql)}. {@code unwrap} and {@code isWrapperFor} answer for the proxy first, then
 * ask the driver. A method that cannot throw {@code SQLException} (such as {@code
 * getDriverMajorVersion}) is the call alone. A JDBC object type returned without a matching {@code
 * wrap} overload in {@code X} is a compile error, so a new method cannot hand out a raw object
 * unnoticed.
 *
 * <p>For a class annotated {@code @Unsupported} (the testkit's stub driver) it writes {@code final
 * class GeneratedX extends X} whose remaining methods throw {@code SQLFeatureNotSupportedException}
 * naming the method.
 */
@SupportedAnnotationTypes({ForwardingProcessor.FORWARDING, ForwardingProcessor.UNSUPPORTED})
public final class ForwardingProcessor extends AbstractProcessor {
  static final String FORWARDING = "dev.cistern.internal.jdbc.Forwarding";
  static final String UNSUPPORTED = "dev.cistern.testkit.stub.Unsupported";

  /** The JDBC types a proxy never hands out raw. */
  private static final Set<String> WRAPPED =
      Set.of(
          "java.sql.Connection",
          "java.sql.Statement",
          "java.sql.PreparedStatement",
          "java.sql.CallableStatement",
          "java.sql.ResultSet",
          "java.sql.ResultSetMetaData",
          "java.sql.ParameterMetaData",
          "java.sql.DatabaseMetaData");

  /** Creates the processor; javac calls this. */
  public ForwardingProcessor() {}

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement annotation : annotations) {
      boolean forwarding = annotation.getQualifiedName().contentEquals(FORWARDING);
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (element.getKind() != ElementKind.CLASS
            || !element.getModifiers().contains(Modifier.ABSTRACT)
            || element.getEnclosingElement().getKind() != ElementKind.PACKAGE) {
          error(element, "@%s goes on a top-level abstract class", annotation.getSimpleName());
          continue;
        }
        TypeElement type = (TypeElement) element;
        Settings settings = Settings.read(type, annotation, forwarding);
        try {
          write(type, settings);
        } catch (IOException | RuntimeException e) {
          error(type, "could not write the generated class: %s", e);
        }
      }
    }
    return true;
  }

  /** What one annotation asks for. */
  private record Settings(
      boolean forwarding, String to, List<String> dirtyPrefixes, boolean dirtyResultSets) {
    static Settings read(TypeElement type, TypeElement annotation, boolean forwarding) {
      String to = "raw";
      List<String> prefixes = new ArrayList<>();
      boolean dirtyResultSets = false;
      for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
        if (!mirror.getAnnotationType().asElement().equals(annotation)) {
          continue;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
            mirror.getElementValues().entrySet()) {
          String name = e.getKey().getSimpleName().toString();
          Object value = e.getValue().getValue();
          switch (name) {
            case "to" -> to = (String) value;
            case "dirtyPrefixes" -> {
              for (Object v : (List<?>) value) {
                prefixes.add((String) ((AnnotationValue) v).getValue());
              }
            }
            case "dirtyResultSets" -> dirtyResultSets = (Boolean) value;
            default -> {}
          }
        }
      }
      return new Settings(forwarding, to, prefixes, dirtyResultSets);
    }
  }

  private void write(TypeElement type, Settings settings) throws IOException {
    String pkg = ((PackageElement) type.getEnclosingElement()).getQualifiedName().toString();
    String base = type.getSimpleName().toString();
    String name = "Generated" + base;
    DeclaredType self = (DeclaredType) type.asType();

    StringBuilder body = new StringBuilder();
    boolean deprecated = false;
    for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (c.getModifiers().contains(Modifier.PRIVATE)) {
        continue;
      }
      List<String> params = parameterNames(c);
      body.append("\n  ").append(name).append('(');
      ExecutableType ct = (ExecutableType) c.asType();
      for (int i = 0; i < params.size(); i++) {
        body.append(i == 0 ? "" : ", ")
            .append(typeName(ct.getParameterTypes().get(i)))
            .append(' ')
            .append(params.get(i));
      }
      body.append(')').append(throwsClause(ct.getThrownTypes())).append(" {\n");
      body.append("    super(").append(String.join(", ", params)).append(");\n  }\n");
    }

    Map<String, ExecutableElement> todo = new LinkedHashMap<>();
    for (ExecutableElement m :
        ElementFilter.methodsIn(processingEnv.getElementUtils().getAllMembers(type))) {
      Element owner = m.getEnclosingElement();
      if (owner.getKind() != ElementKind.INTERFACE
          || m.getModifiers().contains(Modifier.STATIC)
          || m.getModifiers().contains(Modifier.PRIVATE)) {
        continue; // implemented by a class (the hand-written part, or Object), or not an instance
        // method
      }
      todo.putIfAbsent(signature(self, m), m);
    }
    for (ExecutableElement m : todo.values()) {
      ExecutableType t = (ExecutableType) processingEnv.getTypeUtils().asMemberOf(self, m);
      boolean dep = processingEnv.getElementUtils().isDeprecated(m);
      deprecated |= dep;
      body.append('\n');
      if (dep) {
        body.append("  @Deprecated\n");
      }
      body.append("  @Override\n  public ").append(typeParameters(m));
      body.append(typeName(t.getReturnType())).append(' ').append(m.getSimpleName()).append('(');
      List<String> params = parameterNames(m);
      for (int i = 0; i < params.size(); i++) {
        boolean varargs = m.isVarArgs() && i == params.size() - 1;
        String pt = typeName(t.getParameterTypes().get(i));
        body.append(i == 0 ? "" : ", ")
            .append(varargs ? pt.substring(0, pt.length() - 2) + "..." : pt)
            .append(' ')
            .append(params.get(i));
      }
      body.append(')').append(throwsClause(t.getThrownTypes())).append(" {\n");
      if (settings.forwarding() && !throwsSqlException(t)) {
        // no guard can throw here (getDriverMajorVersion and the like): the call alone
        String call =
            settings.to() + "." + m.getSimpleName() + "(" + String.join(", ", params) + ")";
        body.append("    ")
            .append(t.getReturnType().getKind() == TypeKind.VOID ? "" : "return ")
            .append(isWrapped(t.getReturnType()) ? "wrap(" + call + ")" : call)
            .append(";\n");
      } else if (settings.forwarding()) {
        forwardingBody(body, settings, m, t, params);
      } else {
        body.append("    throw new java.sql.SQLFeatureNotSupportedException(\"")
            .append(base)
            .append('.')
            .append(m.getSimpleName())
            .append(" is not supported\");\n");
      }
      body.append("  }\n");
    }

    StringBuilder out = new StringBuilder();
    out.append("package ").append(pkg).append(";\n\n");
    out.append("/**\n * Generated by {@code ").append(ForwardingProcessor.class.getName());
    out.append("} at compile time from {@link ").append(base).append("}:\n * ");
    out.append(
        settings.forwarding()
            ? "the JDBC methods it does not implement, each forwarding to the driver's object."
            : "the JDBC methods it does not implement, each refusing with SQLFeatureNotSupportedException.");
    out.append(" Do not edit;\n * change {@link ")
        .append(base)
        .append("} or the processor.\n */\n");
    if (deprecated) {
      out.append("@SuppressWarnings(\"deprecation\")\n");
    }
    out.append("final class ").append(name).append(" extends ").append(base).append(" {");
    out.append(body).append("}\n");
    try (Writer w =
        processingEnv.getFiler().createSourceFile(pkg + "." + name, type).openWriter()) {
      w.write(out.toString());
    }
  }

  private void forwardingBody(
      StringBuilder body,
      Settings settings,
      ExecutableElement m,
      ExecutableType t,
      List<String> params) {
    String method = m.getSimpleName().toString();
    String call = settings.to() + "." + method + "(" + String.join(", ", params) + ")";
    TypeMirror ret = t.getReturnType();
    boolean wrapped = isWrapped(ret);
    boolean dirty =
        settings.dirtyPrefixes().stream().anyMatch(method::startsWith)
            || (settings.dirtyResultSets() && isType(ret, "java.sql.ResultSet"));
    // a method given SQL text (prepareStatement, prepareCall, execute..., addBatch) hands it on:
    // checked first (checkSql, before the wait for the server begins), the statement it makes
    // remembers it, and a failure names it (for handleError)
    String sql = takesSql(method, t) ? params.get(0) : null;
    if (sql != null) {
      body.append("    checkSql(").append(sql).append(");\n");
    }
    body.append(dirty ? "    beforeExecute();\n" : "    checkOpen();\n");
    if (method.equals("unwrap") && params.size() == 1) {
      String p = params.get(0);
      body.append("    if (").append(p).append(".isInstance(this)) {\n");
      body.append("      return ").append(p).append(".cast(this);\n    }\n");
    } else if (method.equals("isWrapperFor") && params.size() == 1) {
      body.append("    if (").append(params.get(0)).append(".isInstance(this)) {\n");
      body.append("      return true;\n    }\n");
    }
    body.append("    try {\n      ");
    if (ret.getKind() != TypeKind.VOID) {
      body.append("return ");
    }
    String wrap =
        sql != null && method.startsWith("prepare")
            ? "wrap(" + call + ", " + sql + ")"
            : "wrap(" + call + ")";
    body.append(wrapped ? wrap : call).append(";\n");
    body.append("    } catch (java.sql.SQLException e) {\n      throw fail(e")
        .append(sql == null ? "" : ", " + sql)
        .append(");\n    }");
    // a method that starts with beforeExecute() waits for the server: afterExecute() ends the wait
    body.append(dirty ? " finally {\n      afterExecute();\n    }\n" : "\n");
  }

  /** True for a method whose first parameter is the SQL text it runs or prepares. */
  private static boolean takesSql(String method, ExecutableType t) {
    return (method.startsWith("prepare")
            || method.startsWith("execute")
            || method.equals("addBatch"))
        && !t.getParameterTypes().isEmpty()
        && isType(t.getParameterTypes().get(0), "java.lang.String");
  }

  private static boolean isWrapped(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && WRAPPED.contains(
            ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString());
  }

  private static boolean isType(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals(qualifiedName);
  }

  private boolean throwsSqlException(ExecutableType t) {
    TypeMirror sqlException =
        processingEnv.getElementUtils().getTypeElement("java.sql.SQLException").asType();
    for (TypeMirror thrown : t.getThrownTypes()) {
      if (processingEnv.getTypeUtils().isAssignable(sqlException, thrown)) {
        return true;
      }
    }
    return false;
  }

  private String signature(DeclaredType self, ExecutableElement m) {
    ExecutableType t = (ExecutableType) processingEnv.getTypeUtils().asMemberOf(self, m);
    StringBuilder s = new StringBuilder(m.getSimpleName()).append('(');
    for (TypeMirror p : t.getParameterTypes()) {
      s.append(processingEnv.getTypeUtils().erasure(p)).append(',');
    }
    return s.append(')').toString();
  }

  private static String typeParameters(ExecutableElement m) {
    if (m.getTypeParameters().isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("<");
    for (TypeParameterElement p : m.getTypeParameters()) {
      if (s.length() > 1) {
        s.append(", ");
      }
      s.append(p.getSimpleName());
      List<String> bounds = new ArrayList<>();
      for (TypeMirror b : p.getBounds()) {
        String bound = typeName(b);
        if (!bound.equals("Object")) {
          bounds.add(bound);
        }
      }
      if (!bounds.isEmpty()) {
        s.append(" extends ").append(String.join(" & ", bounds));
      }
    }
    return s.append("> ").toString();
  }

  /**
   * The parameter names: the interface's where the compiler knows them, else a name taken from the
   * type ({@code int0}, {@code string1}), which reads better in a debugger than {@code arg0}.
   */
  private static List<String> parameterNames(ExecutableElement m) {
    List<String> names = new ArrayList<>();
    List<? extends VariableElement> params = m.getParameters();
    for (int i = 0; i < params.size(); i++) {
      String n = params.get(i).getSimpleName().toString();
      if (n.matches("arg\\d+")) {
        String t = typeName(params.get(i).asType()).replaceAll("<.*", "").replaceAll("\\[]", "s");
        t = t.substring(t.lastIndexOf('.') + 1);
        n = Character.toLowerCase(t.charAt(0)) + t.substring(1) + i;
      }
      names.add(n);
    }
    return names;
  }

  private static String throwsClause(List<? extends TypeMirror> thrown) {
    if (thrown.isEmpty()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (TypeMirror t : thrown) {
      names.add(typeName(t));
    }
    return " throws " + String.join(", ", names);
  }

  /** The source form of a type, with {@code java.lang.} dropped where it is not needed. */
  static String typeName(TypeMirror type) {
    return type.toString().replaceAll("\\bjava\\.lang\\.(?=[A-Z]\\w*\\b(?!\\.))", "");
  }

  private void error(Element where, String format, Object... args) {
    processingEnv
        .getMessager()
        .printMessage(Diagnostic.Kind.ERROR, String.format(format, args), where);
  }
}

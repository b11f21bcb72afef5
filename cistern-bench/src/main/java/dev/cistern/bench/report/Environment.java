package dev.cistern.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The machine, JDK and library versions a run used, for the report's header. */
final class Environment {
  /** The libraries whose versions the report names: label, Maven group, artifact. */
  static final List<String[]> LIBRARIES =
      List.of(
          new String[] {"Cistern", "dev.cistern", "cistern-core"},
          new String[] {"HikariCP", "com.zaxxer", "HikariCP"},
          new String[] {"Apache DBCP2", "org.apache.commons", "commons-dbcp2"},
          new String[] {"c3p0", "com.mchange", "c3p0"},
          new String[] {"Tomcat JDBC", "org.apache.tomcat", "tomcat-jdbc"},
          new String[] {"Vibur DBCP", "org.vibur", "vibur-dbcp"},
          new String[] {"Agroal", "io.agroal", "agroal-pool"},
          new String[] {"JMH", "org.openjdk.jmh", "jmh-core"});

  private Environment() {}

  /** The CPU model from {@code /proc/cpuinfo}, or {@code os.arch} where there is none. */
  static String cpu() {
    Path info = Path.of("/proc/cpuinfo");
    if (Files.isReadable(info)) {
      try {
        for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
          if (line.startsWith("model name")) {
            return line.substring(line.indexOf(':') + 1).trim();
          }
        }
      } catch (IOException e) {
        // fall through
      }
    }
    return System.getProperty("os.arch");
  }

  /**
   * Library label to version: as recorded at build time in {@code versions.properties}, else from
   * the jar's Maven metadata on the class path (c3p0 and Tomcat JDBC ship none).
   */
  static Map<String, String> versions() {
    Properties built = new Properties();
    try (InputStream in =
        Environment.class.getResourceAsStream("/dev/cistern/bench/versions.properties")) {
      if (in != null) {
        built.load(in);
      }
    } catch (IOException e) {
      // fall back to the jars' metadata
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String[] lib : LIBRARIES) {
      String v = built.getProperty(lib[0], "");
      m.put(lib[0], v.isEmpty() || v.startsWith("${") ? version(lib[1], lib[2]) : v);
    }
    return m;
  }

  static String version(String group, String artifact) {
    String res = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = Environment.class.getClassLoader().getResourceAsStream(res)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "?");
      }
    } catch (IOException e) {
      // fall through
    }
    return "?";
  }

  /**
   * The header block: machine, OS, JDK (of the benchmark runs, from the JMH files), library
   * versions, date and mode.
   */
  static String header(Results r, String mode) {
    String jdk =
        r.jmh.isEmpty()
            ? System.getProperty("java.vm.version")
                + " ("
                + System.getProperty("java.vm.vendor")
                + ")"
            : r.jmh.get(0).jdk() + " (" + r.jmh.get(0).vm() + ")";
    StringBuilder b = new StringBuilder();
    b.append("| | |\n|---|---|\n");
    b.append("| Date | ").append(LocalDate.now(ZoneOffset.UTC)).append(" |\n");
    b.append("| Mode | ").append(mode).append(" |\n");
    b.append("| CPU | ")
        .append(cpu())
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores |\n");
    b.append("| OS | ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append(" |\n");
    b.append("| JDK | ").append(jdk).append(" |\n");
    versions().forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    return b.toString();
  }
}

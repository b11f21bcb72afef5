package dev.cistern.internal.engine;

import dev.cistern.DisposalReport;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every live engine of this JVM, held weakly: for {@code Engine.closeAll()}, for the one JVM
 * shutdown hook shared by all engines, and for closing engines that became unreachable without
 * {@code close()} (through one shared {@link Cleaner}).
 *
 * <p>It knows an engine only as an object to hold weakly (its {@link EngineCore}, which only the
 * public {@code Engine} references), a name and a function that closes it: it never calls into the
 * public {@code Engine} itself, so that the façade depends on this class and not the other way
 * round.
 */
public final class EngineRegistry {
  /**
   * The public logger of engine lifecycle: closes (a disposal report, at DEBUG when clean, at WARN
   * when connections had to be aborted), engines closed at JVM exit or found unreachable.
   */
  public static final String LOGGER = "dev.cistern.engine";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final Cleaner CLEANER = Cleaner.create();
  private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

  /** Live engines (weak keys) and how to close each. */
  private static final Map<Object, Member> LIVE = new WeakHashMap<>();

  /**
   * How one engine is closed. It must not reference the engine (the map's key is weak, its value
   * strong): {@code close} gets the engine as its argument.
   */
  private record Member(String name, boolean closeAtExit, Function<Object, DisposalReport> close) {}

  /** One live engine, for closing it: strongly held only while the snapshot is in use. */
  private record Live(Object engine, Member member) {}

  private EngineRegistry() {}

  /**
   * Registers a new engine. {@code holder}'s {@link Shutdown#run()} runs once the engine became
   * unreachable; it must not reference the engine.
   *
   * @param engine the engine, held weakly
   * @param name the engine's name, for the closing thread's name
   * @param closeAtExit whether the JVM shutdown hook closes the engine
   * @param closeWithGrace closes the engine given to it with its {@code closeGrace} option; must
   *     not capture the engine
   * @return the registration, to clean when the engine is closed
   */
  public static Cleaner.Cleanable register(
      Object engine,
      String name,
      boolean closeAtExit,
      Function<Object, DisposalReport> closeWithGrace,
      Shutdown holder) {
    synchronized (LIVE) {
      LIVE.put(engine, new Member(name, closeAtExit, closeWithGrace));
    }
    if (closeAtExit && HOOK_INSTALLED.compareAndSet(false, true)) {
      Thread hook = new Thread(EngineRegistry::closeAtExit, "cistern-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
    }
    return CLEANER.register(engine, holder);
  }

  /** Forgets a closed engine. */
  public static void deregister(Object engine) {
    synchronized (LIVE) {
      LIVE.remove(engine);
    }
  }

  /** Returns the live engines (a snapshot); with {@code hookOnly}, only those closed at exit. */
  private static List<Live> live(boolean hookOnly) {
    List<Live> out = new ArrayList<>();
    synchronized (LIVE) {
      for (Map.Entry<Object, Member> e : LIVE.entrySet()) {
        Object engine = e.getKey();
        if (engine != null && (!hookOnly || e.getValue().closeAtExit())) {
          out.add(new Live(engine, e.getValue()));
        }
      }
    }
    return out;
  }

  /**
   * Closes every live engine in parallel, each with its {@code closeGrace} option, and returns
   * their reports.
   */
  public static List<DisposalReport> closeAll() {
    return closeInParallel(live(false));
  }

  /**
   * Closes the engines in parallel, one thread each, and returns their reports in the same order.
   */
  private static List<DisposalReport> closeInParallel(List<Live> engines) {
    List<DisposalReport> reports = new ArrayList<>(engines.size());
    List<Thread> threads = new ArrayList<>(engines.size());
    DisposalReport[] out = new DisposalReport[engines.size()];
    for (int i = 0; i < engines.size(); i++) {
      int index = i;
      Live l = engines.get(i);
      Thread t =
          new Thread(
              () -> out[index] = l.member().close().apply(l.engine()),
              "cistern-close-" + l.member().name());
      threads.add(t);
      t.start();
    }
    boolean interrupted = false;
    for (Thread t : threads) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    for (DisposalReport r : out) {
      if (r != null) {
        reports.add(r);
      }
    }
    return reports;
  }

  private static void closeAtExit() {
    List<Live> engines = live(true);
    if (engines.isEmpty()) {
      return;
    }
    for (DisposalReport r : closeInParallel(engines)) {
      if (r.isClean()) {
        LOG.info("at JVM exit: {}", r);
      } else {
        LOG.warn("at JVM exit: {}", r);
      }
    }
  }
}

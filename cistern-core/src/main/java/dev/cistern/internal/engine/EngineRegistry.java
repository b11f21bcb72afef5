package dev.cistern.internal.engine;

import dev.cistern.DisposalReport;
import dev.cistern.Engine;
import dev.cistern.Option;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every live engine of this JVM, held weakly: for {@link Engine#closeAll()}, for the one JVM
 * shutdown hook shared by all engines, and for closing engines that became unreachable without
 * {@code close()} (through one shared {@link Cleaner}).
 */
public final class EngineRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(EngineRegistry.class);
  private static final Cleaner CLEANER = Cleaner.create();
  private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

  /** Live engines; the value says whether the shutdown hook closes the engine. */
  private static final Map<Engine, Boolean> LIVE = new WeakHashMap<>();

  private EngineRegistry() {}

  /**
   * Registers a new engine. {@code holder}'s {@link Shutdown#run()} runs once the engine became
   * unreachable; it must not reference the engine.
   *
   * @param closeAtExit whether the JVM shutdown hook closes the engine
   * @return the registration, to clean when the engine is closed
   */
  public static Cleaner.Cleanable register(Engine engine, boolean closeAtExit, Shutdown holder) {
    synchronized (LIVE) {
      LIVE.put(engine, closeAtExit);
    }
    if (closeAtExit && HOOK_INSTALLED.compareAndSet(false, true)) {
      Thread hook = new Thread(EngineRegistry::closeAtExit, "cistern-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
    }
    return CLEANER.register(engine, holder);
  }

  /** Forgets a closed engine. */
  public static void deregister(Engine engine) {
    synchronized (LIVE) {
      LIVE.remove(engine);
    }
  }

  /** Returns the live engines (a snapshot); with {@code hookOnly}, only those closed at exit. */
  public static List<Engine> live(boolean hookOnly) {
    List<Engine> out = new ArrayList<>();
    synchronized (LIVE) {
      for (Map.Entry<Engine, Boolean> e : LIVE.entrySet()) {
        Engine engine = e.getKey();
        if (engine != null && (!hookOnly || e.getValue())) {
          out.add(engine);
        }
      }
    }
    return out;
  }

  /**
   * Closes the engines in parallel, one thread each, and returns their reports in the same order.
   */
  public static List<DisposalReport> closeInParallel(
      List<Engine> engines, Function<Engine, DisposalReport> close) {
    List<DisposalReport> reports = new ArrayList<>(engines.size());
    List<Thread> threads = new ArrayList<>(engines.size());
    DisposalReport[] out = new DisposalReport[engines.size()];
    for (int i = 0; i < engines.size(); i++) {
      int index = i;
      Engine engine = engines.get(i);
      Thread t =
          new Thread(() -> out[index] = close.apply(engine), "cistern-close-" + engine.name());
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

  /** Closes the engine with its {@code closeGrace} option. */
  public static DisposalReport closeWithGrace(Engine engine) {
    return engine.close((Duration) engine.option(Option.CLOSE_GRACE));
  }

  private static void closeAtExit() {
    List<Engine> engines = live(true);
    if (engines.isEmpty()) {
      return;
    }
    for (DisposalReport r : closeInParallel(engines, EngineRegistry::closeWithGrace)) {
      LOG.info("at JVM exit: {}", r);
    }
  }
}

package dev.cistern.testkit;

/** placeholder */
final class Placeholder {
  private Placeholder() {}
}

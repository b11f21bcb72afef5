package dev.cistern.bench;

/** placeholder */
final class Placeholder {
  private Placeholder() {}
}

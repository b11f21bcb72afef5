package dev.cistern.cli;

public final class Main {
  private Main() {}

  public static void main(String[] a) {
    System.out.println("cistern");
  }
}

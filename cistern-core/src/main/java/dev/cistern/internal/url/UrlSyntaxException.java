package dev.cistern.internal.url;

/** A parse failure at a position of the input; turned into a public InvalidUrlException. */
final class UrlSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int index;

  UrlSyntaxException(int index, String reason) {
    super(reason, null, false, false);
    this.index = index;
  }

  int index() {
    return index;
  }
}

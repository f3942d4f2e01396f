package com.tixproof.pdf;

import java.text.Normalizer;
import java.util.function.IntPredicate;

/**
 * Makes any string drawable. The PDF's standard Helvetica/Courier (WinAnsi, i.e. Windows-1252, not
 * embedded) draw Western European text (á é ñ ü …); characters a fallback font has (the renderer
 * passes OpenPDF's bundled Liberation Sans: Latin Extended, Greek, Cyrillic) stay too. Other
 * accented letters lose their accent, other letters (CJK, …) become '?', emoji and other symbols,
 * joiners and variation selectors are dropped, control characters become spaces. Text longer than
 * the limit is cut with an ellipsis.
 */
final class PrintableText {
  /** Windows-1252's characters outside Latin-1 (0x80–0x9F). */
  private static final String CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

  private PrintableText() {}

  /** With the standard fonts only. */
  static String of(String text, int maxCodePoints) {
    return of(text, maxCodePoints, cp -> false);
  }

  static String of(String text, int maxCodePoints, IntPredicate fallbackHas) {
    String nfc = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(Math.min(nfc.length(), maxCodePoints + 1));
    int kept = 0;
    boolean space = true; // collapses runs of spaces and drops leading ones
    for (int i = 0; i < nfc.length() && kept <= maxCodePoints; ) {
      int cp = nfc.codePointAt(i);
      i += Character.charCount(cp);
      String piece = replacement(cp, fallbackHas);
      for (int j = 0; j < piece.length(); j++) {
        char c = piece.charAt(j);
        if (c == ' ') {
          if (space) {
            continue;
          }
          space = true;
        } else {
          space = false;
        }
        out.append(c);
        kept++;
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
    if (kept > maxCodePoints) {
      out.setLength(Math.min(out.length(), maxCodePoints - 1));
      out.append('…');
    }
    return out.length() == 0 ? "?" : out.toString();
  }

  static boolean drawable(int cp) {
    return (cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF) || (cp < 0x10000 && CP1252_EXTRA.indexOf(cp) >= 0);
  }

  /** Whether a string needs the fallback font. */
  static boolean standard(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!drawable(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String replacement(int cp, IntPredicate fallbackHas) {
    if (drawable(cp)) {
      return cp == 0xA0 ? " " : String.valueOf((char) cp);
    }
    if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return " ";
    }
    if (standalone(cp) && fallbackHas.test(cp)) {
      return new String(Character.toChars(cp));
    }
    if (Character.isLetterOrDigit(cp)) {
      String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
      StringBuilder base = new StringBuilder();
      decomposed.codePoints().filter(PrintableText::drawable).forEach(base::appendCodePoint);
      return base.length() > 0 ? base.toString() : "?";
    }
    return ""; // emoji, pictographs, joiners, variation selectors, combining marks left over
  }

  /** Not a mark, joiner, selector or private character: something that stands on its own. */
  private static boolean standalone(int cp) {
    int type = Character.getType(cp);
    return type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK && type != Character.COMBINING_SPACING_MARK
        && type != Character.FORMAT && type != Character.PRIVATE_USE && type != Character.SURROGATE
        && type != Character.UNASSIGNED;
  }
}

package com.tixproof.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrintableTextTest {

  @Test
  @DisplayName("Windows-1252 letters and punctuation stay as they are")
  void keepsWinAnsi() {
    assertEquals("José Ñúñez Müller – “Gala” € <script>", PrintableText.of("José Ñúñez Müller – “Gala” € <script>", 200));
  }

  @Test
  @DisplayName("decomposed accents are composed first")
  void composes() {
    assertEquals("José", PrintableText.of("Jose\u0301", 200));
  }

  @Test
  @DisplayName("emoji, joiners and variation selectors are dropped, the spaces they leave collapse")
  void dropsEmoji() {
    assertEquals("Ana Party", PrintableText.of("Ana 🎉 👩‍👩‍👧 ❤️ Party 🎫", 200));
    assertEquals("?", PrintableText.of("🎉", 200));
  }

  @Test
  @DisplayName("other accented letters lose the accent, letters of other scripts become ?")
  void otherScripts() {
    assertEquals("O ?ódz ??????", PrintableText.of("Ő Łódź Москва", 200));
  }

  @Test
  @DisplayName("characters the fallback font has are kept; marks and joiners never stand alone")
  void fallback() {
    assertEquals("Ő Łódź Москва ?", PrintableText.of("Ő Łódź Москва 東", 200, cp -> cp < 0x3000));
    assertEquals("ab", PrintableText.of("a\u200Db\u0301\uFE0F", 200, cp -> true));
    assertEquals(false, PrintableText.standard("Москва"));
    assertEquals(true, PrintableText.standard("José € “x”"));
  }

  @Test
  @DisplayName("control characters become single spaces")
  void controls() {
    assertEquals("a b c", PrintableText.of("\ta\r\n\u0000b \u2028 c\n", 200));
  }

  @Test
  @DisplayName("long text is cut to the limit with an ellipsis")
  void cuts() {
    assertEquals("x".repeat(200), PrintableText.of("x".repeat(200), 200));
    assertEquals("x".repeat(199) + "…", PrintableText.of("x".repeat(201), 200));
    assertEquals(200, PrintableText.of("ab 🎉 ".repeat(500), 200).length());
  }
}

package com.tixproof.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TicketRendererTest {
  private final TicketRenderer renderer = new TicketRenderer();

  private byte[] render(Map<String, Object> input) {
    return renderer.render(TicketRequest.parse(input));
  }

  @Test
  @DisplayName("the ticket's text, read back with OpenPDF, holds the organizer, buyer, event, venue, date, amount and code")
  void textReadsBack() throws Exception {
    byte[] pdf = render(Tickets.input());
    assertEquals(1, PdfPages.count(pdf));
    String text = PdfPages.text(pdf);
    for (String expected : new String[] {"Tixproof", "Ana Pérez", "ana@example.com", "Jazz Night", "Teatro Municipal",
        "TX-7KQ2-M9ZD", "Thursday 24 December 2026, 21:00 UTC", "CLP 30,000", "2 tickets", "ADMIT 2"}) {
      assertTrue(text.contains(expected), () -> "missing \"" + expected + "\" in:\n" + text);
    }
  }

  @Test
  @DisplayName("the QR code, rendered to an image and decoded with ZXing, gives back exactly the token")
  void qrDecodesToToken() throws Exception {
    byte[] pdf = render(Tickets.input());
    BufferedImage page = PdfPages.image(pdf, 150);
    PdfPages.keep("ticket", pdf, page);
    assertEquals(Tickets.TOKEN, PdfPages.qr(page));
  }

  @Test
  @DisplayName("a long token with non-Latin characters still round-trips through the QR code")
  void longUnicodeTokenRoundTrips() throws Exception {
    String token = "ticket-ñ-€-" + "x".repeat(600);
    byte[] pdf = render(Tickets.with("token", token));
    assertEquals(token, PdfPages.qr(PdfPages.image(pdf, 200)));
  }

  @Test
  @DisplayName("accents, Greek and Cyrillic, emoji, <script> render on one page: letters intact, emoji dropped, CJK as ?")
  void awkwardNamesRenderSafely() throws Exception {
    Map<String, Object> input = Tickets.input();
    input.put("buyerName", "José Ñúñez Müller 🎉🎫");
    input.put("organizer", "<script>alert('x')</script> Producciones");
    input.put("eventName", "Café 👩‍👩‍👧 Ünïcödé — “Gala” & <b>bold</b>");
    input.put("venue", "Sala Ő Łódź Москва Αθήνα 東京");
    byte[] pdf = render(input);
    PdfPages.keep("ticket-awkward", pdf, PdfPages.image(pdf, 100));
    assertEquals(1, PdfPages.count(pdf));
    String text = PdfPages.text(pdf).replaceAll("\\s+", " ");
    assertTrue(text.contains("José Ñúñez Müller"), text);
    assertTrue(text.contains("<script>alert('x')</script> Producciones"), text);
    assertTrue(text.contains("Café Ünïcödé — “Gala” & <b>bold</b>"), text);
    assertTrue(text.contains("Sala Ő Łódź Москва Αθήνα ??"), text);
    assertFalse(text.contains("\uFFFD"), text);
    assertEquals(Tickets.TOKEN, PdfPages.qr(PdfPages.image(pdf, 150)));
  }

  @Test
  @DisplayName("every text field at 200 characters (and far longer) stays on one page, the QR still reads")
  void longFieldsStayOnOnePage() throws Exception {
    for (int length : new int[] {200, 5_000}) {
      Map<String, Object> input = Tickets.input();
      String word = "Ñ".repeat(length); // no spaces: the worst case for wrapping
      String spaced = ("Wolfeschlegelsteinhausenbergerdorff ".repeat(length / 36 + 1)).substring(0, length);
      for (String field : new String[] {"organizer", "buyerName", "eventName", "venue", "ticketCode", "purchaseId"}) {
        input.put(field, field.equals("eventName") || field.equals("venue") ? spaced : word);
      }
      input.put("buyerEmail", "a".repeat(length - 12) + "@example.com");
      byte[] pdf = render(input);
      PdfPages.keep("ticket-long-" + length, pdf, PdfPages.image(pdf, 100));
      assertEquals(1, PdfPages.count(pdf), "pages at length " + length);
      String text = PdfPages.text(pdf).replaceAll("\\s+", "");
      assertTrue(text.contains("Ñ".repeat(TicketRenderer.MAX_FIELD_CHARS - 1) + "…") || text.contains("Ñ".repeat(length)),
          "a long name is shown in full up to the limit");
      assertEquals(Tickets.TOKEN, PdfPages.qr(PdfPages.image(pdf, 150)));
    }
  }

  @Test
  @DisplayName("money uses the currency's decimals and the time names its zone")
  void formats() throws Exception {
    Map<String, Object> input = Tickets.input();
    input.put("amount", 123456);
    input.put("currency", "USD");
    input.put("startsAt", "2026-07-01T20:30:00-04:00[America/New_York]");
    input.put("quantity", 1);
    String text = PdfPages.text(render(input)).replaceAll("\\s+", " ");
    assertTrue(text.contains("USD 1,234.56"), text);
    assertTrue(text.contains("Wednesday 1 July 2026, 20:30 America/New_York (UTC-04:00)"), text);
    assertTrue(text.contains("1 ticket"), text);
  }
}

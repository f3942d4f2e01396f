package com.tixproof.pdf;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontSelector;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Draws one ticket on one A4 page: the organizer's band, the event, when and where, quantity and
 * amount, who it is issued to, and the QR code of the signed token with the ticket code under it.
 * Text uses the PDF's standard fonts (nothing embedded) and, only for characters they lack (Greek,
 * Cyrillic, Latin Extended), OpenPDF's bundled Liberation Sans, loaded on first need and embedded
 * as a subset. Every field goes through {@link PrintableText}, which also caps its length so the
 * page never overflows. Thread-safe: the fonts are built once, everything else per call.
 */
public final class TicketRenderer {
  /** Longest text shown per field; the 200-character names of the contract's tests fit on the page. */
  static final int MAX_FIELD_CHARS = 200;
  private static final float QR_SIZE = 170f;
  private static final Color INK = new Color(0x1B, 0x1F, 0x3B);
  private static final Color MUTED = new Color(0x6B, 0x70, 0x80);
  private static final Color LINE = new Color(0xC8, 0xCC, 0xD6);

  /** Beyond these lengths a field is set smaller, so that every field at its limit still fits. */
  private static final int LONG_BAND = 40;
  private static final int LONG_EVENT = 48;
  private static final int LONG_VALUE = 60;
  private static final int LONG_CODE = 22;

  private final Font band;
  private final Font bandSmall;
  private final Font bandTitle;
  private final Font eventName;
  private final Font eventNameSmall;
  private final Font label;
  private final Font value;
  private final Font valueSmall;
  private final Font code;
  private final Font codeSmall;
  private final Font small;

  public TicketRenderer() {
    BaseFont helvetica = standard(BaseFont.HELVETICA);
    BaseFont helveticaBold = standard(BaseFont.HELVETICA_BOLD);
    BaseFont courierBold = standard(BaseFont.COURIER_BOLD);
    band = new Font(helveticaBold, 13, Font.NORMAL, Color.WHITE);
    bandSmall = new Font(helveticaBold, 9, Font.NORMAL, Color.WHITE);
    bandTitle = new Font(helvetica, 10, Font.NORMAL, Color.WHITE);
    eventName = new Font(helveticaBold, 20, Font.NORMAL, INK);
    eventNameSmall = new Font(helveticaBold, 13, Font.NORMAL, INK);
    label = new Font(helveticaBold, 7.5f, Font.NORMAL, MUTED);
    value = new Font(helvetica, 11.5f, Font.NORMAL, INK);
    valueSmall = new Font(helvetica, 8.5f, Font.NORMAL, INK);
    code = new Font(courierBold, 13, Font.NORMAL, INK);
    codeSmall = new Font(courierBold, 8.5f, Font.NORMAL, INK);
    small = new Font(helvetica, 8, Font.NORMAL, MUTED);
  }

  /** The ticket as PDF bytes. */
  public byte[] render(TicketRequest ticket) {
    Image qr = QrCode.image(QrCode.matrix(ticket.token()));
    ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
    Document document = new Document(PageSize.A4, 40, 40, 40, 40);
    try {
      PdfWriter.getInstance(document, out);
      document.addTitle("Ticket " + text(ticket.ticketCode()));
      document.addCreator("Tixproof");
      document.open();
      document.add(layout(ticket, qr));
      document.close();
    } catch (DocumentException e) {
      throw new IllegalStateException("ticket " + ticket.ticketCode() + " could not be laid out", e);
    }
    return out.toByteArray();
  }

  private PdfPTable layout(TicketRequest t, Image qr) throws DocumentException {
    PdfPTable table = new PdfPTable(new float[] {60, 40});
    table.setWidthPercentage(100);

    String organizerName = text(t.organizer());
    PdfPCell organizer = cell(phrase(organizerName, organizerName.length() > LONG_BAND ? bandSmall : band));
    organizer.setBackgroundColor(INK);
    organizer.setPadding(12);
    organizer.setBorder(Rectangle.NO_BORDER);
    table.addCell(organizer);
    PdfPCell title = cell(new Phrase("E-TICKET  ·  ADMIT " + t.quantity(), bandTitle));
    title.setBackgroundColor(INK);
    title.setPadding(12);
    title.setBorder(Rectangle.NO_BORDER);
    title.setHorizontalAlignment(Element.ALIGN_RIGHT);
    title.setVerticalAlignment(Element.ALIGN_MIDDLE);
    table.addCell(title);

    PdfPCell details = new PdfPCell();
    details.setBorder(Rectangle.LEFT | Rectangle.BOTTOM);
    details.setBorderColor(LINE);
    details.setPadding(16);
    String event = text(t.eventName());
    Font eventFont = event.length() > LONG_EVENT ? eventNameSmall : eventName;
    Paragraph name = new Paragraph(eventFont.getSize() * 1.2f);
    name.add(phrase(event, eventFont));
    name.setSpacingAfter(8);
    details.addElement(name);
    field(details, "DATE AND TIME", TicketFormat.startsAt(t.startsAt()));
    field(details, "VENUE", text(t.venue()));
    field(details, "TICKETS", t.quantity() == 1 ? "1 ticket" : t.quantity() + " tickets");
    field(details, "TOTAL PAID", TicketFormat.money(t.amount(), t.currency()));
    field(details, "ISSUED TO", text(t.buyerName()));
    field(details, "E-MAIL", text(t.buyerEmail()));
    table.addCell(details);

    PdfPCell entry = new PdfPCell();
    entry.setBorder(Rectangle.LEFT | Rectangle.RIGHT | Rectangle.BOTTOM);
    entry.setBorderColor(LINE);
    entry.setPadding(16);
    qr.scaleAbsolute(QR_SIZE, QR_SIZE);
    qr.setAlignment(Element.ALIGN_CENTER);
    entry.addElement(qr);
    String ticketCode = text(t.ticketCode());
    Font codeFont = ticketCode.length() > LONG_CODE ? codeSmall : code;
    Paragraph codeLine = new Paragraph(codeFont.getSize() * 1.2f);
    codeLine.add(phrase(ticketCode, codeFont));
    codeLine.setAlignment(Element.ALIGN_CENTER);
    codeLine.setSpacingBefore(6);
    entry.addElement(codeLine);
    Paragraph hint = new Paragraph("Show this code at the entrance", small);
    hint.setAlignment(Element.ALIGN_CENTER);
    entry.addElement(hint);
    table.addCell(entry);

    PdfPCell footer = cell(phrase(
        "This ticket admits " + t.quantity() + (t.quantity() == 1 ? " person" : " people")
            + " once. Its QR code is signed: the door checks it. Purchase " + text(t.purchaseId()) + ".",
        small));
    footer.setColspan(2);
    footer.setBorder(Rectangle.NO_BORDER);
    footer.setPaddingTop(10);
    table.addCell(footer);
    return table;
  }

  private void field(PdfPCell cell, String name, String text) {
    Font font = text.length() > LONG_VALUE ? valueSmall : value;
    Paragraph p = new Paragraph();
    p.setLeading(font.getSize() * 1.25f);
    p.setSpacingBefore(6);
    p.add(new Chunk(name, label));
    p.add(Chunk.NEWLINE);
    p.add(phrase(text, font));
    cell.addElement(p);
  }

  /** The text in the font, with the fallback font for what the standard font cannot draw. */
  private static Phrase phrase(String text, Font font) {
    if (PrintableText.standard(text)) {
      return new Phrase(text, font);
    }
    FontSelector selector = new FontSelector();
    selector.addFont(font);
    boolean bold = font.getBaseFont().getPostscriptFontName().contains("Bold");
    selector.addFont(new Font(Fallback.FONT, font.getSize(), bold ? Font.BOLD : Font.NORMAL, font.getColor()));
    return selector.process(text);
  }

  private static PdfPCell cell(Phrase phrase) {
    PdfPCell cell = new PdfPCell(phrase);
    cell.setUseAscender(true);
    return cell;
  }

  private static String text(String raw) {
    return PrintableText.of(raw, MAX_FIELD_CHARS, cp -> Fallback.FONT.charExists(cp));
  }

  /** Loaded on the first ticket that needs it (holder idiom), so other tickets never pay for it. */
  private static final class Fallback {
    static final BaseFont FONT = load();

    private static BaseFont load() {
      try {
        return BaseFont.createFont("font-fallback/LiberationSans-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
      } catch (DocumentException | IOException e) {
        throw new IllegalStateException("OpenPDF's bundled Liberation Sans is missing", e);
      }
    }
  }

  private static BaseFont standard(String name) {
    try {
      return BaseFont.createFont(name, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
    } catch (DocumentException | IOException e) {
      throw new IllegalStateException("OpenPDF's built-in font " + name + " is missing", e);
    }
  }
}

package com.tixproof.pdf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A door scanner must read every ticket first time. Renders tickets of random API-shaped tokens,
 * rasterizes the QR's part of the page at several resolutions, as a screen or a camera would see
 * it, and decodes each with plain ZXing (QR only, no TRY_HARDER). With the fixed mask 14 of these
 * 720 scans failed (9 tickets, each at some resolutions and not others), from finder lookalikes in
 * the data. Choosing the mask without them leaves 2: a rarer failure that the module pattern alone
 * does not show (see docs/PERFORMANCE.md, Tickets). The bound keeps that known rest from hiding a
 * regression; it is not the goal, which is none.
 */
class QrScanTest {
  private static final int TOKENS = 120;
  private static final int KNOWN_FAILED_SCANS = 2;
  private static final float[] DPIS = {72, 96, 100, 150, 200, 300};
  /**
   * The top right of the A4 page, where the QR is. Its corner is on whole inches, so every dpi
   * puts the page's pixel grid exactly where rasterizing the whole page would.
   */
  private static final PDRectangle QR_AREA = new PDRectangle(288, 504, 288, 288);

  /** A door scanner looks for QR codes only (else a row of modules can pass for a 1D barcode); no TRY_HARDER. */
  private static final Map<DecodeHintType, ?> QR_ONLY = Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));

  private final TicketRenderer renderer = new TicketRenderer();

  @Test
  @DisplayName("120 random tickets: the QR decodes with plain ZXing at 72, 96, 100, 150, 200 and 300 dpi (at most 2 of 720 scans fail)")
  void everyTicketScansAtEveryResolution() throws Exception {
    Random random = new Random(20261124);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < TOKENS; i++) {
      String token = QrTokens.random(random);
      byte[] pdf = renderer.render(TicketRequest.parse(Tickets.input(token)));
      try (PDDocument document = Loader.loadPDF(pdf)) {
        PDPage page = document.getPage(0);
        page.setCropBox(QR_AREA);
        PDFRenderer pages = new PDFRenderer(document);
        for (float dpi : DPIS) {
          BufferedImage image = pages.renderImageWithDPI(0, dpi, ImageType.RGB);
          String read = scan(image);
          if (!token.equals(read)) {
            failures.add("ticket " + i + " at " + (int) dpi + " dpi: " + (read == null ? "no QR found" : "read " + read));
          }
        }
      }
    }
    assertTrue(failures.size() <= KNOWN_FAILED_SCANS,
        failures.size() + " failed scans of " + TOKENS * DPIS.length + " (known: " + KNOWN_FAILED_SCANS + "): " + failures);
  }

  private static String scan(BufferedImage image) {
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    try {
      return new MultiFormatReader().decode(bitmap, QR_ONLY).getText();
    } catch (ReaderException e) {
      return null;
    }
  }
}

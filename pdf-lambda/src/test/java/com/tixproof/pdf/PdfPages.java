package com.tixproof.pdf;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Reads a PDF back as a person (or a door scanner) would: its text, its pages, the QR on the page. */
final class PdfPages {
  private PdfPages() {}

  static int count(byte[] pdf) throws IOException {
    PdfReader reader = new PdfReader(pdf);
    try {
      return reader.getNumberOfPages();
    } finally {
      reader.close();
    }
  }

  /** Page 1's text, by OpenPDF's own extractor. */
  static String text(byte[] pdf) throws IOException {
    PdfReader reader = new PdfReader(pdf);
    try {
      return new PdfTextExtractor(reader).getTextFromPage(1);
    } finally {
      reader.close();
    }
  }

  /** Page 1 rasterized by PDFBox, like a screen or printer would show it. */
  static BufferedImage image(byte[] pdf, float dpi) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.RGB);
    }
  }

  /** With {@code TICKET_PNG_DIR} set, keeps the PDF and its picture there, for a look by eye. */
  static void keep(String name, byte[] pdf, BufferedImage page) throws IOException {
    String dir = System.getenv("TICKET_PNG_DIR");
    if (dir != null) {
      Files.write(Path.of(dir, name + ".pdf"), pdf);
      ImageIO.write(page, "png", Path.of(dir, name + ".png").toFile());
    }
  }

  /** The QR code found on the rendered page, decoded by ZXing. */
  static String qr(BufferedImage page) throws NotFoundException {
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page)));
    return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
  }
}

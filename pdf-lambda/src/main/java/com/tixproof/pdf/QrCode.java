package com.tixproof.pdf;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.BadElementException;
import com.lowagie.text.Image;
import com.lowagie.text.ImgRaw;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The token as a QR code image for OpenPDF: one pixel per module (quiet zone included), packed
 * 1 bit per pixel straight from ZXing's matrix into a raw DeviceGray image (deflated with the page)
 * that the page scales up. No PNG round trip, and no CCITT encoding either.
 *
 * <p>The mask pattern is fixed. Choosing it the standard way builds and scores all eight masked
 * symbols, which was 80–90% of a ticket's render time for a ~420-character token. Masks exist
 * to break up regular patterns; a signed token in base64url is already random-looking, so any
 * mask scores about the same, and every reader handles all eight (the tests decode each ticket).
 */
final class QrCode {
  private static final int QUIET_ZONE_MODULES = 4;
  private static final int MASK_PATTERN = 2;

  private QrCode() {}

  /** @throws InvalidTicketRequestException when the token does not fit in a QR code */
  static BitMatrix matrix(String token) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
    hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
    hints.put(EncodeHintType.QR_MASK_PATTERN, MASK_PATTERN);
    if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(token)) {
      hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    }
    try {
      return new QRCodeWriter().encode(token, BarcodeFormat.QR_CODE, 0, 0, hints);
    } catch (WriterException | IllegalArgumentException e) {
      throw new InvalidTicketRequestException("token cannot be put in a QR code (" + token.length() + " characters): " + e.getMessage());
    }
  }

  /** The matrix as a 1-bit DeviceGray image, where a set bit is white (a light module or the quiet zone). */
  static Image image(BitMatrix matrix) {
    int width = matrix.getWidth();
    int height = matrix.getHeight();
    int rowBytes = (width + 7) / 8;
    byte[] bits = new byte[rowBytes * height];
    for (int y = 0; y < height; y++) {
      int row = y * rowBytes;
      for (int x = 0; x < width; x++) {
        if (!matrix.get(x, y)) {
          bits[row + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
        }
      }
    }
    try {
      // ImgRaw directly: Image.getInstance(w, h, 1, 1, bits) would CCITT-encode it, ~0.2 ms more per ticket
      return new ImgRaw(width, height, 1, 1, bits);
    } catch (BadElementException e) {
      throw new IllegalStateException("OpenPDF refused a " + width + "x" + height + " 1-bit image", e);
    }
  }
}

package com.tixproof.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QrMasksTest {
  @Test
  @DisplayName("re-masking one encoding gives, for every mask, exactly ZXing's symbol with that mask (versions 1 to 40)")
  void sameSymbolsAsZxing() throws Exception {
    Random random = new Random(7);
    for (int length : new int[] {5, 60, 150, 210, 228, 400, 900, 2000}) {
      String token = QrTokens.random(random, length);
      QrMasks masks = new QrMasks(encode(token, 0));
      for (int mask = 0; mask < QrMasks.COUNT; mask++) {
        ByteMatrix expected = encode(token, mask).getMatrix();
        byte[] flat = new byte[expected.getWidth() * expected.getHeight()];
        for (int y = 0; y < expected.getHeight(); y++) {
          for (int x = 0; x < expected.getWidth(); x++) {
            flat[y * expected.getWidth() + x] = expected.get(x, y);
          }
        }
        assertArrayEquals(flat, masks.grid(mask), "length " + length + ", mask " + mask);
      }
    }
  }

  private static QRCode encode(String token, int mask) throws Exception {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
    return Encoder.encode(token, ErrorCorrectionLevel.M, hints);
  }
}
